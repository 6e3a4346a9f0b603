import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GpsdAdapter, MAX_GPSD_LINE } from './gpsd-adapter.js';
import { ProviderUnavailable } from './location-adapter.js';

const servers: Server[] = [];
const adapters: GpsdAdapter[] = [];

/** A fake gpsd on a free loopback port that runs `serve` for each client once it has sent its WATCH. */
async function fakeGpsd(serve: (socket: Socket) => void): Promise<GpsdAdapter> {
  const server = createServer((socket) => socket.once('data', () => serve(socket)));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const adapter = new GpsdAdapter('127.0.0.1', (server.address() as AddressInfo).port);
  adapters.push(adapter);
  return adapter;
}

const request = (signal = AbortSignal.timeout(10_000)) => ({ since: Date.now(), accuracy: 'precise' as const, signal });
const TPV = { class: 'TPV', mode: 3, lat: 52.52001, lon: 13.40495, altMSL: 41.5, eph: 17.1, speed: 1.2, track: 90, time: '2026-02-14T09:30:08.000Z' };

afterEach(async () => {
  for (const a of adapters.splice(0)) a.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('GpsdAdapter against a hostile or broken gpsd', () => {
  it('skips lines that are not fixes (garbage, no fix, out of range, no error estimate) and answers the first real fix', async () => {
    const gpsd = await fakeGpsd((socket) => {
      socket.write('not json\n{"class":"TPV","mode":1}\n');
      socket.write(`${JSON.stringify({ ...TPV, lat: 91 })}\n${JSON.stringify({ ...TPV, eph: undefined })}\n${JSON.stringify({ ...TPV, lat: 'x' })}\n`);
      // Nested as deep as the line bound allows: parsed and dropped, not a crash.
      socket.write(`${'['.repeat(30_000)}${']'.repeat(30_000)}\n{"class":"TPV","mode":3,"lat":${'['.repeat(1_000)}${']'.repeat(1_000)}}\n`);
      setTimeout(() => socket.write(`${JSON.stringify(TPV)}\n`), 50);
    });
    expect(await gpsd.fix(request())).toMatchObject({ lat: 52.52001, lon: 13.40495, accuracyMeters: 17.1, altitudeMeters: 41.5, speedMps: 1.2, headingDeg: 90, timestamp: TPV.time, source: 'gps' });
  });

  it('combines epx and epy when gpsd gives no eph', async () => {
    const gpsd = await fakeGpsd((socket) => socket.write(`${JSON.stringify({ ...TPV, eph: undefined, epx: 3, epy: 4 })}\n`));
    expect((await gpsd.fix(request())).accuracyMeters).toBe(5);
  });

  it('drops a connection that sends a line longer than the bound, failing the waiting call before its deadline', async () => {
    const gpsd = await fakeGpsd((socket) => socket.write('{"class":"TPV","x":"' + 'a'.repeat(MAX_GPSD_LINE + 10)));
    const err = await gpsd.fix(request()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderUnavailable);
    expect((err as Error).message).toMatch(/closed the connection/);
  });

  it('says there is no receiver when gpsd lists no devices', async () => {
    const gpsd = await fakeGpsd((socket) => socket.write('{"class":"DEVICES","devices":[]}\n'));
    await expect(gpsd.fix(request())).rejects.toThrow(/has no GPS receiver attached/);
    await expect(gpsd.fix(request())).rejects.toThrow(/has no GPS receiver attached/);
  });

  it('reports an unreachable gpsd as unavailable with its address', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const gpsd = new GpsdAdapter('127.0.0.1', port);
    adapters.push(gpsd);
    await expect(gpsd.fix(request())).rejects.toThrow(new RegExp(`gpsd at 127.0.0.1:${port} is not reachable`));
  });

  it('gives up at the signal when gpsd never reports a fix', async () => {
    const gpsd = await fakeGpsd(() => undefined);
    await expect(gpsd.fix(request(AbortSignal.timeout(200)))).rejects.toMatchObject({ name: 'TimeoutError' });
  });
});
