import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { rootContainer } from '@openclaw-nodes/core/di';
import type { PluginLog } from '@openclaw-nodes/core/plugin';
import { makeContext, makeHost } from '../../../test/fixtures/plugins/plugin-factories.js';
import { locationPlugin } from './index.js';
import { ProviderUnavailable, aborted, type FixRequest, type LocationAdapter, type ProviderFix } from './location-adapter.js';
import type { LocationAdapterName, LocationOptions } from './options.js';
import { LOCATION_ADAPTERS_FACTORY } from './tokens.js';

const FIX: ProviderFix = { lat: 52.520011, lon: 13.404951, accuracyMeters: 17.1, altitudeMeters: 41.5, speedMps: 1.2, headingDeg: 90, timestamp: '2026-02-14T09:30:08.000Z', source: 'gps', receivedAtMs: 0 };

/** A provider scripted by the test: answers a fix after `delayMs`, is unavailable, or never answers. */
function scripted(name: LocationAdapterName, behaviour: { fix?: Partial<ProviderFix>; delayMs?: number; unavailable?: string }, calls: string[]): LocationAdapter {
  return {
    name,
    async fix({ signal }: FixRequest) {
      calls.push(name);
      if (behaviour.unavailable) throw new ProviderUnavailable(behaviour.unavailable);
      if (behaviour.fix === undefined) return aborted(signal);
      await Promise.race([new Promise((r) => setTimeout(r, behaviour.delayMs ?? 0)), aborted(signal)]);
      return { ...FIX, ...behaviour.fix, receivedAtMs: Date.now() };
    },
    close: () => undefined,
  };
}

async function startHost(options: Partial<LocationOptions>, adapters?: (o: LocationOptions) => LocationAdapter[], log?: PluginLog) {
  const container = rootContainer.createChildContainer();
  if (adapters) container.register(LOCATION_ADAPTERS_FACTORY, { useValue: adapters });
  const host = makeHost({ container, pluginOptions: { location: options }, log });
  host.load([locationPlugin]);
  await host.start();
  return host;
}

const get = (host: Awaited<ReturnType<typeof startHost>>, params: unknown = {}) => host.invoke('location.get', params, makeContext('location.get'));
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected location.get to fail'), (err: unknown) => err as { code: string; message: string });

describe('the location plugin on a node host', () => {
  it('is off by default: not advertised, permission false, and a call that reaches it gets LOCATION_DISABLED', async () => {
    const host = await startHost({});
    expect(host.commands()).not.toContain('location.get');
    expect(host.caps()).not.toContain('location');
    expect(await host.permissions()).toEqual({ location: false });
    const err = await failure(get(host));
    expect(err.code).toBe('LOCATION_DISABLED');
    expect(err.message).toMatch(/^LOCATION_DISABLED: enable Location/);
  });

  it('turns on and off with new options, signalling the surface change each time; invalid options are ignored', async () => {
    const warnings: string[] = [];
    const host = await startHost({}, undefined, (level, msg) => level === 'warn' && warnings.push(msg));
    let changes = 0;
    host.onSurfaceChange(() => changes++);
    await host.reconfigure({ location: { mode: 'whileUsing' } });
    expect(host.commands()).toContain('location.get');
    expect(host.caps()).toContain('location');
    expect(await host.permissions()).toEqual({ location: true });
    expect(changes).toBe(1);
    await host.reconfigure({ location: { mode: 'whileUsing' } });
    expect(changes).toBe(1);
    await host.reconfigure({ location: { mode: 'sometimes' } });
    expect(warnings.join('\n')).toMatch(/new options for plugin "location" ignored: plugins\.options\.location\.mode/);
    expect(host.commands()).toContain('location.get');
    await host.reconfigure({});
    expect(host.commands()).not.toContain('location.get');
    expect(changes).toBe(2);
  });

  it('answers LOCATION_UNAVAILABLE with the reason when gpsd cannot be reached', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const host = await startHost({ mode: 'always', adapters: ['gpsd'], gpsd: `127.0.0.1:${port}` });
    const err = await failure(get(host));
    expect(err.code).toBe('LOCATION_UNAVAILABLE');
    expect(err.message).toMatch(new RegExp(`^LOCATION_UNAVAILABLE: gpsd at 127\\.0\\.0\\.1:${port} is not reachable`));
  });

  it('asks providers in the configured order, skipping one that is unavailable', async () => {
    const calls: string[] = [];
    const host = await startHost({ mode: 'always', adapters: ['gpsd', 'geoclue'] }, () => [scripted('gpsd', { unavailable: 'gpsd is down' }, calls), scripted('geoclue', { fix: { source: 'wifi', accuracyMeters: 40 } }, calls)]);
    expect(await get(host)).toMatchObject({ source: 'wifi', accuracyMeters: 40 });
    expect(calls).toEqual(['gpsd', 'geoclue']);
  });

  it('lets the second provider answer when the first has no fix after its grace period', async () => {
    const calls: string[] = [];
    const host = await startHost({ mode: 'always' }, () => [scripted('gpsd', {}, calls), scripted('geoclue', { fix: { source: 'wifi' } }, calls)]);
    expect(await get(host, { timeoutMs: 5_000 })).toMatchObject({ source: 'wifi' });
  });

  it('times out with LOCATION_TIMEOUT when no provider has a fix in timeoutMs', async () => {
    const host = await startHost({ mode: 'always', adapters: ['gpsd'] }, () => [scripted('gpsd', {}, [])]);
    const err = await failure(get(host, { timeoutMs: 1_000 }));
    expect(err.code).toBe('LOCATION_TIMEOUT');
    expect(err.message).toBe('LOCATION_TIMEOUT: no fix in time (1000 ms)');
  });

  it('reuses the last fix within maxAgeMs without asking a provider again', async () => {
    const calls: string[] = [];
    const host = await startHost({ mode: 'always', adapters: ['gpsd'] }, () => [scripted('gpsd', { fix: {} }, calls)]);
    await get(host);
    expect(await get(host, { maxAgeMs: 60_000 })).toMatchObject({ lat: FIX.lat });
    expect(calls).toEqual(['gpsd']);
  });

  it('rounds to about 1 km with precise off, or when the caller asks for coarse, dropping altitude, speed and heading', async () => {
    for (const [options, params] of [[{ precise: false }, {}], [{}, { desiredAccuracy: 'coarse' }]] as const) {
      const host = await startHost({ mode: 'always', adapters: ['gpsd'], ...options }, () => [scripted('gpsd', { fix: {} }, [])]);
      const fix = await get(host, params);
      expect(fix).toEqual({ lat: 52.52, lon: 13.4, accuracyMeters: 1_000, timestamp: FIX.timestamp, isPrecise: false, source: 'gps' });
    }
    const host = await startHost({ mode: 'always', adapters: ['gpsd'], precise: false }, () => [scripted('gpsd', { fix: { accuracyMeters: 900 } }, [])]);
    expect(await get(host)).toMatchObject({ accuracyMeters: 1_687 });
  });

  it('refuses params outside their bounds with INVALID_REQUEST', async () => {
    const host = await startHost({ mode: 'always' }, () => []);
    for (const params of [{ timeoutMs: -1 }, { maxAgeMs: 1e12 }, { desiredAccuracy: 'exact' }, { extra: 1 }]) expect((await failure(get(host, params))).code).toBe('INVALID_REQUEST');
  });
});
