import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApprovedNode } from '../support/approved-node.js';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';
import { tokenApi } from '../support/token-api.js';

// A real gateway and node hosts whose system bus address (DBUS_SYSTEM_BUS_ADDRESS) names a
// transport other than a Unix socket path: GeoClue is asked over D-Bus, and the node must
// neither run the program of a `unixexec:` address nor dial the host of a `tcp:` one.
const TOKEN = 'location-bus-token';
const gwDir = tempDir('oc-locbus-gw-');
const work = tempDir('oc-locbus-work-');
const stops: Array<() => Promise<void> | void> = [];
let port: number;
let listener: Server;
let dialled = 0;

const api = (path: string, body?: unknown) => tokenApi(port, TOKEN, path, body);

async function nodeWithSystemBus(name: string, address: string): Promise<string> {
  const dir = tempDir('oc-locbus-node-');
  stops.push(dir.cleanup);
  const config = { plugins: { enabled: ['system', 'location'], options: { location: { mode: 'always', adapters: ['geoclue'] } } } };
  const { node, nodeId } = await startApprovedNode({ port, token: TOKEN, gatewayStateDir: gwDir.path, dir: dir.path, displayName: name, config, env: { DBUS_SYSTEM_BUS_ADDRESS: address }, routable: 'location.get' });
  stops.push(node.stop);
  return nodeId;
}

beforeAll(async () => {
  listener = createServer((socket) => {
    dialled += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise<void>((resolve) => listener.close(() => resolve())));
  port = await freePort();
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } } }), { mode: 0o600 });
  const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], { ...process.env, OPENCLAW_STATE_DIR: gwDir.path }, /listening on/);
  stops.push(gateway.stop, gwDir.cleanup, work.cleanup);
  await gateway.started;
}, 60_000);

afterAll(async () => {
  while (stops.length) await stops.pop()!();
});

describe('location over GeoClue only ever uses a unix:path= system bus', () => {
  it('does not run the program a unixexec: address names, and says why GeoClue is unavailable', async () => {
    const marker = join(work.path, 'ran');
    // dbus-native's own spelling of unixexec arguments (arg0, arg1...) as well as the spec's (argv0...).
    const nodeId = await nodeWithSystemBus('Unixexec Bus', `unixexec:path=/bin/sh,arg0=-c,arg1=touch ${marker},argv0=-c,argv1=touch ${marker}`);
    const res = await api(`/v1/nodes/${nodeId}/invoke`, { command: 'location.get', params: { timeoutMs: 5_000 } });
    expect(res.json.error?.details?.nodeError?.code, JSON.stringify(res.json)).toBe('LOCATION_UNAVAILABLE');
    expect(res.json.error.message).toContain('unixexec: transports are not used (only unix:path=)');
    expect(existsSync(marker)).toBe(false);
  });

  it('does not dial the host of a tcp: address', async () => {
    const { port: tcpPort } = listener.address() as { port: number };
    const nodeId = await nodeWithSystemBus('TCP Bus', `tcp:host=127.0.0.1,port=${tcpPort}`);
    const res = await api(`/v1/nodes/${nodeId}/invoke`, { command: 'location.get', params: { timeoutMs: 5_000 } });
    expect(res.json.error?.details?.nodeError?.code, JSON.stringify(res.json)).toBe('LOCATION_UNAVAILABLE');
    expect(res.json.error.message).toContain('tcp: transports are not used (only unix:path=)');
    expect(dialled).toBe(0);
  });
});
