import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { startGeoclue } from '../support/geoclue.js';
import { startGpsfake } from '../support/gpsfake.js';
import { BIN } from '../support/paths.js';
import { ourCli, runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { shareLocalProof } from '../support/local-proof.js';

const TOKEN = 'location-e2e-token';
const NODE = 'Pi With GPS';
const stops: Array<() => Promise<void> | void> = [];
let url: string;
let httpBase: string;
let cliEnv: NodeJS.ProcessEnv;
let nodeConfig: string;
let gpsd: Awaited<ReturnType<typeof startGpsfake>>;
let geoclue: Awaited<ReturnType<typeof startGeoclue>>;
let node: ReturnType<typeof startProcess>;

/** Rewrites the node's config file, as a person editing it while the node runs would. */
function writeLocationOptions(options: Record<string, unknown>): void {
  const location = { gpsd: gpsd.address, adapters: ['gpsd'], ...options };
  writeFileSync(nodeConfig, JSON.stringify({ plugins: { enabled: ['system', 'location'], options: { location } } }));
}

const locationGet = (args: string[] = []) => runCli(['nodes', 'location', 'get', '--url', url, '--node', NODE, ...args], cliEnv);
const describeNode = async () => JSON.parse(await ourCli(['nodes', 'describe', '--url', url, '--node', NODE, '--json'], cliEnv));
const connects = () => (node.output().match(/connected to ws:/g) ?? []).length;

beforeAll(async () => {
  gpsd = await startGpsfake();
  stops.push(gpsd.stop);
  geoclue = await startGeoclue();
  stops.push(geoclue.stop);
  const gwDir = tempDir('oc-location-gw-');
  const nodeDir = tempDir('oc-location-node-');
  const cliDir = tempDir('oc-location-cli-');
  stops.push(gwDir.cleanup, nodeDir.cleanup, cliDir.cleanup);
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } } }), { mode: 0o600 });
  nodeConfig = join(nodeDir.path, 'openclaw.json');
  writeLocationOptions({ mode: 'whileUsing' });
  const port = await freePort();
  url = `ws://127.0.0.1:${port}`;
  httpBase = `http://127.0.0.1:${port}`;
  const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], { ...process.env, OPENCLAW_STATE_DIR: gwDir.path }, /listening on/);
  stops.push(gateway.stop);
  await gateway.started;
  cliEnv = { ...process.env, OPENCLAW_STATE_DIR: cliDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN };
  shareLocalProof(gwDir.path, nodeDir.path);
  // GeoClue's private bus stands in for the node's system bus.
  const nodeEnv = { ...process.env, OPENCLAW_STATE_DIR: nodeDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN, DBUS_SYSTEM_BUS_ADDRESS: geoclue.busAddress };
  node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(port), '--display-name', NODE], nodeEnv, /connected to|waiting for approval/);
  stops.push(node.stop);
  await node.started;
  const pending = JSON.parse(await ourCli(['nodes', 'pending', '--url', url, '--json'], cliEnv)) as Array<{ requestId: string }>;
  for (const p of pending) await ourCli(['nodes', 'approve', p.requestId, '--url', url], cliEnv);
}, 90_000);

afterAll(async () => {
  while (stops.length) await stops.pop()!();
});

describe('location.get from gpsd fed by gpsfake, through the gateway and a node host', () => {
  it('prints the position of the NMEA log with the accuracy gpsd estimates (HDOP 0.9 x 19 m)', async () => {
    const line = await poll(async () => {
      const r = await locationGet();
      return r.code === 0 ? r.stdout.trim() : undefined;
    }, 'nodes location get answering', { timeoutMs: 30_000 });
    expect(line).toBe('52.52001,13.40495 ±17.1m');
    const r = await locationGet(['--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ lat: 52.52001, lon: 13.40495, accuracyMeters: 17.1, altitudeMeters: 41.5, isPrecise: true, source: 'gps', timestamp: expect.any(String) });
  });

  it('announces the location cap, the command and the permission', async () => {
    const described = await describeNode();
    expect(described.caps).toContain('location');
    expect(described.commands).toContain('location.get');
    expect(described.permissions).toEqual({ location: true });
  });

  it('answers a cached fix within maxAgeMs after the feed stops, and LOCATION_TIMEOUT without it', async () => {
    await locationGet();
    gpsd.pause();
    try {
      // Past the 1.5 s in which a fix still counts as the current one.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const cached = await locationGet(['--max-age', '60000', '--json']);
      expect(cached.code, cached.stderr).toBe(0);
      expect(JSON.parse(cached.stdout)).toMatchObject({ lat: 52.52001, lon: 13.40495, accuracyMeters: 17.1 });
      const fresh = await locationGet(['--location-timeout', '1000', '--json']);
      expect(fresh.code).toBe(1);
      expect(JSON.parse(fresh.stdout).error).toMatchObject({ message: expect.stringMatching(/^LOCATION_TIMEOUT: no fix in time \(1000 ms\)/) });
    } finally {
      gpsd.resume();
    }
  });

  it('rounds the fix to about 1 km once precise is turned off in the config file, without reconnecting', async () => {
    const before = connects();
    writeLocationOptions({ mode: 'whileUsing', precise: false });
    const coarse = await poll(async () => {
      const r = await locationGet(['--json']);
      const payload = r.code === 0 ? JSON.parse(r.stdout) : undefined;
      return payload?.isPrecise === false ? payload : undefined;
    }, 'a coarse fix', { timeoutMs: 30_000 });
    expect(coarse).toMatchObject({ lat: 52.52, lon: 13.4, isPrecise: false, source: 'gps' });
    expect(coarse.accuracyMeters).toBeGreaterThanOrEqual(1_000);
    expect(coarse).not.toHaveProperty('altitudeMeters');
    expect(connects()).toBe(before);
  });

  it('withdraws the command, the cap and the permission when mode is set to off, without reconnecting', async () => {
    const before = connects();
    writeLocationOptions({ mode: 'off' });
    const described = await poll(async () => {
      const d = await describeNode();
      return d.commands.includes('location.get') ? undefined : d;
    }, 'node.describe without location.get', { timeoutMs: 30_000 });
    expect(described.caps).not.toContain('location');
    expect(described.permissions).toEqual({ location: false });
    // node.list, as `nodes status` shows it.
    const listed = JSON.parse(await ourCli(['nodes', 'status', '--url', url, '--json'], cliEnv));
    const entry = listed.nodes.find((n: { displayName?: string }) => n.displayName === NODE);
    expect(entry.commands).not.toContain('location.get');
    expect(entry.permissions).toEqual({ location: false });
    const http = await fetch(`${httpBase}/v1/nodes/${encodeURIComponent(described.nodeId)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await http.json()).toMatchObject({ permissions: { location: false } });
    const refused = await locationGet(['--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.message).toMatch(/location\.get/);
    expect(connects()).toBe(before);
  });

  it('announces location.get again when mode is turned back on; the approved command is served at once', async () => {
    writeLocationOptions({ mode: 'always' });
    const line = await poll(async () => {
      const r = await locationGet();
      return r.code === 0 ? r.stdout.trim() : undefined;
    }, 'location.get served again', { timeoutMs: 30_000 });
    expect(line).toBe('52.52001,13.40495 ±17.1m');
    expect((await describeNode()).permissions).toEqual({ location: true });
  });

  it('answers from GeoClue over D-Bus when it comes first in adapters', async () => {
    writeLocationOptions({ mode: 'always', adapters: ['geoclue', 'gpsd'] });
    const fix = await poll(async () => {
      const r = await locationGet(['--json']);
      const payload = r.code === 0 ? JSON.parse(r.stdout) : undefined;
      return payload?.source === 'unknown' ? payload : undefined;
    }, 'a fix from GeoClue', { timeoutMs: 30_000 });
    expect(fix).toMatchObject({ lat: 52.52001, lon: 13.40495, altitudeMeters: 41.5, isPrecise: true });
  });
});
