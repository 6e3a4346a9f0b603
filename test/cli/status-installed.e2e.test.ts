import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = 'status-installed-token';
const stops: Array<() => Promise<void> | void> = [];
let root: string;
/** A machine with no service manager reachable; `state` names its state dir. */
const machine = (state: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: join(root, 'home'),
  XDG_CONFIG_HOME: join(root, `config-${state}`),
  XDG_RUNTIME_DIR: join(root, 'runtime'),
  OPENCLAW_STATE_DIR: join(root, state),
  OPENCLAW_GATEWAY_TOKEN: TOKEN,
  NO_COLOR: '1',
});
const status = async (env: NodeJS.ProcessEnv) => JSON.parse((await runCli(['status', '--json'], env)).stdout);

beforeAll(() => {
  const dir = tempDir('oc-status-installed-');
  stops.push(dir.cleanup);
  root = dir.path;
  for (const sub of ['home', 'runtime', 'gw', 'node', 'waiting']) mkdirSync(join(root, sub));
  writeFileSync(join(root, 'gw', 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } } }), { mode: 0o600 });
});
afterAll(async () => {
  while (stops.length) await stops.pop()!();
});

describe('openclaw status reads what the installed services would start', () => {
  let port: number;
  let fingerprint: string;

  it('a gateway installed with --port and --tls but stopped: its address and certificate fingerprint', async () => {
    const env = machine('gw');
    port = await freePort();
    expect((await runCli(['gateway', 'install', '--port', String(port), '--tls'], env)).code).toBe(2);
    // Run once, as the service would, so its certificate exists; then stopped.
    const once = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), '--tls'], env, /pin it with --tls-fingerprint ([0-9A-F:]{95})/);
    await once.started;
    fingerprint = /pin it with --tls-fingerprint ([0-9A-F:]{95})/.exec(once.output())![1];
    await once.stop();
    expect((await status(env)).gateway).toMatchObject({ url: `wss://127.0.0.1:${port}`, listening: false, tlsFingerprint: fingerprint });
  });

  it('a node installed but never run: the gateway and pin its service points at', async () => {
    const env = machine('node');
    expect((await runCli(['node', 'install', '--port', String(port), '--tls-fingerprint', fingerprint], env)).code).toBe(2);
    const s = await status(env);
    expect(s.node).toMatchObject({ configured: false, serviceGateway: { url: `wss://127.0.0.1:${port}`, pin: fingerprint } });
    expect((await runCli(['status'], env)).stdout).toContain(`Not run yet: the installed node service connects to wss://127.0.0.1:${port} (pinned ${fingerprint})`);
  });

  it('a node waiting for its first approval lists its gateway with the pin', async () => {
    const gw = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), '--tls'], machine('gw'), /listening on/);
    stops.push(gw.stop);
    await gw.started;
    const env = machine('waiting');
    const node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(port), '--tls-fingerprint', fingerprint], env, /waiting for approval/);
    stops.push(node.stop);
    await node.started;
    expect((await runCli(['status'], env)).stdout).toContain(`Gateway: wss://127.0.0.1:${port} (pinned ${fingerprint})`);
  });
});
