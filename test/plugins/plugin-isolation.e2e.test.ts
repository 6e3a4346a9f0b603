import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { ourCli, runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { shareLocalProof } from '../support/local-proof.js';

const TOKEN = 'plugin-isolation-token';
const brokenPackage = fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-broken', import.meta.url));
const echoPackage = fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-echo', import.meta.url));
const stops: Array<() => Promise<void> | void> = [];
let url: string;
let nodeEnv: NodeJS.ProcessEnv;
let cliEnv: NodeJS.ProcessEnv;
let node: ReturnType<typeof startProcess>;

/** What both views must say of the node's plugins: system runs, the two broken ones failed with their codes. */
const expectedStatuses = [
  { name: 'system', status: 'ok' },
  // The version comes from the package.json: the module itself never finished loading.
  { name: brokenPackage, version: '0.0.1', status: 'failed', code: 'PLUGIN_LOAD_FAILED', message: expect.stringContaining('the broken plugin cannot load its native driver') },
  { name: 'echo', version: '1.2.0', status: 'failed', code: 'PLUGIN_OPTIONS_INVALID', message: 'invalid plugin options: plugins.options.echo.prefix: expected string, received number' },
];

beforeAll(async () => {
  const gwDir = tempDir('oc-isolation-gw-');
  const nodeDir = tempDir('oc-isolation-node-');
  const cliDir = tempDir('oc-isolation-cli-');
  stops.push(gwDir.cleanup, nodeDir.cleanup, cliDir.cleanup);
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } } }), { mode: 0o600 });
  // One plugin that throws at import and one whose options do not match its schema.
  writeFileSync(join(nodeDir.path, 'openclaw.json'), JSON.stringify({ plugins: { load: [brokenPackage, echoPackage], options: { echo: { prefix: 5 } } } }));
  const port = await freePort();
  url = `ws://127.0.0.1:${port}`;
  const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], { ...process.env, OPENCLAW_STATE_DIR: gwDir.path }, /listening on/);
  stops.push(gateway.stop);
  await gateway.started;
  shareLocalProof(gwDir.path, nodeDir.path);
  nodeEnv = { ...process.env, OPENCLAW_STATE_DIR: nodeDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN };
  cliEnv = { ...process.env, OPENCLAW_STATE_DIR: cliDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN };
  node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(port), '--display-name', 'Isolated Node'], nodeEnv, /connected to|waiting for approval/);
  stops.push(node.stop);
  await node.started;
}, 60_000);

afterAll(async () => {
  while (stops.length) await stops.pop()!();
});

describe('a node host with a plugin that throws at import and one with invalid options', () => {
  it('keeps running and serves system.which through the gateway', async () => {
    const pending = JSON.parse(await ourCli(['nodes', 'pending', '--url', url, '--json'], cliEnv)) as Array<{ requestId: string }>;
    for (const p of pending) await ourCli(['nodes', 'approve', p.requestId, '--url', url], cliEnv);
    const result = await poll(async () => {
      const r = await runCli(['nodes', 'invoke', '--url', url, '--node', 'Isolated Node', '--command', 'system.which', '--params', '{"bins":["sh"]}'], cliEnv);
      return r.code === 0 ? JSON.parse(r.stdout) : undefined;
    }, 'the node answering system.which');
    expect(result).toMatchObject({ ok: true, payload: { bins: { sh: expect.stringMatching(/\/sh$/) } } });
    expect(node.child.exitCode).toBeNull();
  });

  it('lists both as failed with their codes in `openclaw plugins list --json` on the node machine', async () => {
    const listed = JSON.parse(await ourCli(['plugins', 'list', '--json'], nodeEnv));
    expect(listed).toEqual([
      { ...expectedStatuses[0], version: expect.any(String), source: 'built-in', enabled: true },
      { ...expectedStatuses[1], source: 'path', enabled: true },
      { ...expectedStatuses[2], source: 'path', enabled: true },
      // A built-in the config does not enable is listed as available.
      { name: 'camera', version: expect.any(String), status: 'ok', source: 'built-in', enabled: false },
      { name: 'location', version: expect.any(String), status: 'ok', source: 'built-in', enabled: false },
      { name: 'notify', version: expect.any(String), status: 'ok', source: 'built-in', enabled: false },
      { name: 'sms', version: expect.any(String), status: 'ok', source: 'built-in', enabled: false },
    ]);
    const human = await ourCli(['plugins', 'list'], nodeEnv);
    expect(human).toContain('failed (PLUGIN_OPTIONS_INVALID): invalid plugin options');
  });

  it('shows the same statuses in `nodes describe --json` through the gateway', async () => {
    // The node publishes its report once its surface is approved; it retries until then.
    const described = await poll(async () => {
      const d = JSON.parse(await ourCli(['nodes', 'describe', '--url', url, '--node', 'Isolated Node', '--json'], cliEnv));
      return d.plugins?.length > 0 ? d : undefined;
    }, 'node.describe carrying plugin statuses');
    expect(described.plugins).toEqual(expectedStatuses.map((s) => expect.objectContaining(s)));
    const human = await ourCli(['nodes', 'describe', '--url', url, '--node', 'Isolated Node'], cliEnv);
    expect(human).toContain('- echo@1.2.0: failed (PLUGIN_OPTIONS_INVALID)');
  });
});
