import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeoclue } from '../../../test/support/geoclue.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { GeoclueAdapter } from './geoclue-adapter.js';
import { call } from '../../../test/support/dbus-service.js';
import { ProviderDenied, ProviderUnavailable } from './location-adapter.js';

let geoclue: Awaited<ReturnType<typeof startGeoclue>>;
const request = (signal = AbortSignal.timeout(20_000)) => ({ since: Date.now(), accuracy: 'precise' as const, signal });

beforeAll(async () => {
  geoclue = await startGeoclue();
}, 30_000);

afterAll(async () => {
  await geoclue?.stop();
});

describe('GeoclueAdapter against the real GeoClue2 daemon on a private bus', () => {
  it('starts a client, waits for LocationUpdated and reads the position GeoClue took from the NMEA feed', async () => {
    const fix = await new GeoclueAdapter(geoclue.busAddress).fix(request());
    expect(fix).toMatchObject({ lat: 52.52001, lon: 13.40495, altitudeMeters: 41.5, source: 'unknown' });
    // GeoClue's own estimate from HDOP 0.9 (its table gives 0 m for HDOP <= 1).
    expect(fix.accuracyMeters).toBeGreaterThanOrEqual(0);
  });

  it('reports a bus without GeoClue as unavailable', async () => {
    const empty = await startEmptyBus();
    try {
      await expect(new GeoclueAdapter(empty.address).fix(request())).rejects.toThrow(new ProviderUnavailable('GeoClue is not running on this machine'));
    } finally {
      empty.stop();
    }
  });

  it('reports GeoClue refusing this node (AccessDenied) as denied, for LOCATION_PERMISSION_REQUIRED', async () => {
    const empty = await startEmptyBus();
    try {
      // A GeoClue manager that refuses every client, as GeoClue does for an app its config disallows.
      const { openBus } = await import('../../../test/support/dbus-service.js');
      const service = await openBus(empty.address, 1_000);
      const refusal = Object.assign(new Error('openclaw-node is not allowed'), { dbusName: 'org.freedesktop.DBus.Error.AccessDenied' });
      service.exportInterface({ GetClient: () => refusal }, '/org/freedesktop/GeoClue2/Manager', { name: 'org.freedesktop.GeoClue2.Manager', methods: { GetClient: ['', 'o', [], ['client']] }, properties: {}, signals: {} });
      await call(service, { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'RequestName', signature: 'su', body: ['org.freedesktop.GeoClue2', 4] });
      const err = await new GeoclueAdapter(empty.address).fix(request()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderDenied);
      expect((err as Error).message).toMatch(/^GeoClue refused this node: org\.freedesktop\.DBus\.Error\.AccessDenied: openclaw-node is not allowed/);
      service.connection.end();
    } finally {
      empty.stop();
    }
  });

  it('reports a missing system bus as unavailable', async () => {
    const dir = tempDir('openclaw-nobus-');
    try {
      await expect(new GeoclueAdapter(`unix:path=${dir.path}/none`).fix(request())).rejects.toThrow(/^no D-Bus system bus for GeoClue/);
    } finally {
      dir.cleanup();
    }
  });
});

/** A private bus with nobody on it. */
async function startEmptyBus() {
  const { spawn } = await import('node:child_process');
  const dir = tempDir('openclaw-emptybus-');
  const address = `unix:path=${dir.path}/bus`;
  const child = spawn('dbus-daemon', ['--session', '--nofork', `--address=${address}`], { stdio: 'ignore' });
  const { openBus } = await import('../../../test/support/dbus-service.js');
  const { poll } = await import('../../../test/support/poll.js');
  const probe = await poll(() => openBus(address, 1_000), 'the empty bus');
  probe.connection.end();
  return { address, stop: () => (child.kill('SIGTERM'), dir.cleanup()) };
}
