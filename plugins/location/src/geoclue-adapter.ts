import { DbusClient, DbusError, variantValue, type DbusCall } from '@openclaw-nodes/core/dbus';
import type { DesiredAccuracy } from './commands.js';
import { ProviderDenied, ProviderUnavailable, aborted, type FixRequest, type LocationAdapter, type ProviderFix } from './location-adapter.js';

const SERVICE = 'org.freedesktop.GeoClue2';
const CLIENT = 'org.freedesktop.GeoClue2.Client';
const PROPERTIES = 'org.freedesktop.DBus.Properties';
/** How long GeoClue may take to answer one method call, ms; the wait for a fix is bounded by the request's signal. */
const CALL_TIMEOUT_MS = 5_000;
/** GeoClue's accuracy levels (GClueAccuracyLevel): city, street, exact. */
const LEVELS: Record<DesiredAccuracy, number> = { coarse: 4, balanced: 6, precise: 8 };
/** GeoClue marks an unknown altitude with -DBL_MAX and unknown speed/heading with -1. */
const known = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min;

/**
 * Asks GeoClue2 on the system D-Bus for a fix (through core's D-Bus client, pure JavaScript,
 * which only ever connects to a `unix:path=` address): a client with our desktop id and the requested accuracy level, started for
 * one call and stopped after it. GeoClue's agent may refuse the client: LOCATION_PERMISSION_REQUIRED.
 */
export class GeoclueAdapter implements LocationAdapter {
  readonly name = 'geoclue';

  constructor(
    private readonly busAddress: string,
    private readonly desktopId = 'openclaw-node',
  ) {}

  async fix({ accuracy, signal }: FixRequest): Promise<ProviderFix> {
    const bus = DbusClient.connect(this.busAddress, 'system bus');
    try {
      return await Promise.race([this.#locate(bus, accuracy), aborted(signal)]);
    } catch (err) {
      throw providerError(err);
    } finally {
      bus.close();
    }
  }

  close(): void {}

  async #locate(bus: DbusClient, accuracy: DesiredAccuracy): Promise<ProviderFix> {
    const call = (message: DbusCall) => bus.call(message, CALL_TIMEOUT_MS);
    const [client] = (await call({ destination: SERVICE, path: '/org/freedesktop/GeoClue2/Manager', interface: `${SERVICE}.Manager`, member: 'GetClient' })) as [string];
    const set = (name: string, type: string, value: unknown) =>
      call({ destination: SERVICE, path: client, interface: PROPERTIES, member: 'Set', signature: 'ssv', body: [CLIENT, name, [type, value]] });
    await set('DesktopId', 's', this.desktopId);
    await set('RequestedAccuracyLevel', 'u', LEVELS[accuracy]);
    let located: (path: string) => void = () => undefined;
    const updated = new Promise<string>((resolve) => (located = resolve));
    // In place before Start, so the first LocationUpdated is not missed.
    const unsubscribe = await bus.subscribe({ sender: SERVICE, path: String(client), interface: CLIENT, member: 'LocationUpdated' }, (body) => located(String(body[1])), CALL_TIMEOUT_MS);
    await call({ destination: SERVICE, path: client, interface: CLIENT, member: 'Start' });
    try {
      return await this.#read(call, await updated);
    } finally {
      unsubscribe();
      await call({ destination: SERVICE, path: client, interface: CLIENT, member: 'Stop' }).catch(() => undefined);
    }
  }

  /**
   * Reads the location object property by property: GetAll would also carry `Timestamp`, a
   * uint64 pair that dbus-native decodes through the `long` package, which breaks when Node
   * resolves `long` to its ES module build. The time of receipt stands in for it.
   */
  async #read(call: (message: DbusCall) => Promise<unknown[]>, path: string): Promise<ProviderFix> {
    const read = (name: string) =>
      call({ destination: SERVICE, path, interface: PROPERTIES, member: 'Get', signature: 'ss', body: [`${SERVICE}.Location`, name] }).then(([value]) => variantValue(value));
    const [lat, lon, acc, altitude, speed, heading] = await Promise.all(['Latitude', 'Longitude', 'Accuracy', 'Altitude', 'Speed', 'Heading'].map(read));
    if (!known(lat, -90) || !known(lon, -180) || lat > 90 || lon > 180 || !known(acc, 0)) throw new ProviderUnavailable('GeoClue reported a location without a position or accuracy');
    const receivedAtMs = Date.now();
    return {
      lat,
      lon,
      accuracyMeters: acc,
      ...(known(altitude, -1e6) ? { altitudeMeters: altitude } : {}),
      ...(known(speed, 0) ? { speedMps: speed } : {}),
      ...(known(heading, 0) && heading <= 360 ? { headingDeg: heading } : {}),
      timestamp: new Date(receivedAtMs).toISOString(),
      // GeoClue blends Wi-Fi, cell and GPS sources and does not say which one answered.
      source: 'unknown',
      receivedAtMs,
    };
  }
}

function providerError(err: unknown): unknown {
  if (!(err instanceof DbusError)) return err;
  if (err.kind === 'unreachable') return new ProviderUnavailable(`no D-Bus system bus for GeoClue (${err.message})`);
  if (err.kind === 'timeout') return new ProviderUnavailable(`GeoClue did not answer: ${err.message}`);
  const name = err.dbusName ?? '';
  if (name.endsWith('.AccessDenied')) return new ProviderDenied(`GeoClue refused this node: ${err.message}`);
  if (name.endsWith('.ServiceUnknown') || name.endsWith('.NameHasNoOwner')) return new ProviderUnavailable('GeoClue is not running on this machine');
  return new ProviderUnavailable(`GeoClue failed: ${err.message}`);
}
