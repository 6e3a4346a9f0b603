import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { GatewayCluster } from '../support/gateway-cluster.js';
import { runCli } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { RawClient, operatorConnect } from '../support/raw-client.js';
import { tempDir } from '../support/temp-dir.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { httpMcpClient, textOf } from '../mcp/mcp-kit.js';

/**
 * The whole chain for a third-party plugin that lives outside the workspace: installed in the
 * node_modules next to each machine's config file, found there by its package keyword, and
 * enabled by `plugins.enabled` alone. No config lists it in `plugins.load`, and nothing in the
 * gateway, node host or CLI names it.
 */
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/packages/${name}`, import.meta.url));
const TOKEN = 'third-party-e2e-token';
const base = tempDir('oc-third-party-');
let cluster: GatewayCluster;

type Role = 'gateway' | 'echo-node' | 'plain-node' | 'operator';
/** One machine of the test: its config file in the shared base directory and its own state dir. */
const envOf = (role: Role): NodeJS.ProcessEnv => ({
  ...process.env,
  OPENCLAW_CONFIG_PATH: join(base.path, `${role}.json`),
  OPENCLAW_STATE_DIR: join(base.path, 'state', role),
  OPENCLAW_GATEWAY_TOKEN: TOKEN,
});
const writeConfig = (role: Role, config: unknown) => writeFileSync(join(base.path, `${role}.json`), JSON.stringify(config), { mode: 0o600 });
const cli = (role: Role, ...args: string[]) => runCli([...args, '--url', cluster.url], envOf(role));
const pluginsList = async (role: Role) => JSON.parse((await runCli(['plugins', 'list', '--json'], envOf(role))).stdout);

const GATEWAY_CONFIG = { gateway: { auth: { token: TOKEN } }, plugins: { enabled: ['echo'] } };
// The first gateway records every module it loads (the `record-loads` loader hook).
const RECORD_LOADS = fileURLToPath(new URL('../fixtures/loader/record-loads.mjs', import.meta.url));
const gatewayLoads = join(base.path, 'gateway-loads.txt');

beforeAll(async () => {
  // Installed the way `npm install <dir>` links a local package into the config's folder.
  mkdirSync(join(base.path, 'node_modules'));
  for (const role of ['gateway', 'echo-node', 'plain-node', 'operator']) mkdirSync(join(base.path, 'state', role), { recursive: true, mode: 0o700 });
  for (const pkg of ['openclaw-plugin-echo', 'openclaw-plugin-broken']) symlinkSync(fixture(pkg), join(base.path, 'node_modules', pkg), 'dir');
  writeConfig('gateway', GATEWAY_CONFIG);
  // `ghost` is installed nowhere: reported, like `broken`, while the node serves the rest.
  writeConfig('echo-node', { plugins: { enabled: ['system', 'echo', 'broken', 'ghost'], options: { echo: { prefix: '> ' } } } });
  // The same packages are installed next to this config, but it enables none of them.
  writeConfig('plain-node', { plugins: { enabled: ['system'] } });
  writeConfig('operator', { plugins: { enabled: ['echo'] } });
  cluster = new GatewayCluster(await freePort(), TOKEN);
  await cluster.startGateway({ ...envOf('gateway'), NODE_OPTIONS: `--import ${RECORD_LOADS}`, RECORD_LOADS_TO: gatewayLoads });
  await cluster.startApprovedNode('Echo Node', envOf('echo-node'));
  await cluster.startApprovedNode('Plain Node', envOf('plain-node'));
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  base.cleanup();
});

describe('a third-party plugin discovered by its package keyword and enabled by config', () => {
  it('is listed by `plugins list` on each node machine, enabled only where config enables it, with the broken one failed', async () => {
    // Built-ins this config leaves off (camera, location, ...) are listed too, as not enabled.
    const running = (list: Array<{ source: string; enabled: boolean }>) => list.filter((p) => p.source !== 'built-in' || p.enabled);
    expect(running(await pluginsList('echo-node'))).toEqual([
      { name: 'system', version: expect.any(String), status: 'ok', source: 'built-in', enabled: true },
      { name: 'echo', version: '1.2.0', status: 'ok', source: 'package', enabled: true },
      { name: 'broken', version: '0.0.1', status: 'failed', code: 'PLUGIN_LOAD_FAILED', message: expect.stringContaining('the broken plugin cannot load its native driver'), source: 'package', enabled: true },
      { name: 'ghost', version: '', status: 'failed', code: 'PLUGIN_NOT_FOUND', message: expect.stringContaining('plugin "ghost" is neither built in, loaded nor installed'), source: 'package', enabled: true },
    ]);
    expect(running(await pluginsList('plain-node'))).toEqual([
      { name: 'system', version: expect.any(String), status: 'ok', source: 'built-in', enabled: true },
      { name: 'broken', version: '0.0.1', status: 'ok', source: 'package', enabled: false },
      { name: 'echo', version: '1.2.0', status: 'ok', source: 'package', enabled: false },
    ]);
  });

  it('leaves the node serving system.which, and `nodes describe` shows the broken plugin as failed', async () => {
    const which = await cli('operator', 'nodes', 'invoke', '--node', 'Echo Node', '--command', 'system.which', '--params', '{"bins":["sh"]}');
    expect(JSON.parse(which.stdout)).toMatchObject({ ok: true, payload: { bins: { sh: expect.stringMatching(/\/sh$/) } } });
    const described = await poll(async () => {
      const d = JSON.parse((await cli('operator', 'nodes', 'describe', '--node', 'Echo Node', '--json')).stdout);
      return d.plugins?.length > 0 ? d : undefined;
    }, 'node.describe carrying plugin statuses');
    expect(described.plugins).toEqual([
      expect.objectContaining({ name: 'system', status: 'ok' }),
      expect.objectContaining({ name: 'echo', version: '1.2.0', status: 'ok' }),
      expect.objectContaining({ name: 'broken', version: '0.0.1', status: 'failed', code: 'PLUGIN_LOAD_FAILED' }),
      expect.objectContaining({ name: 'ghost', status: 'failed', code: 'PLUGIN_NOT_FOUND' }),
    ]);
  });

  it('is imported by the gateway from its light ./gateway entry, never from the node-side module', () => {
    const loads = readFileSync(gatewayLoads, 'utf8').split('\n');
    expect(loads.filter((url) => url.includes('/openclaw-plugin-echo/')).map((url) => url.replace(/^.*\/openclaw-plugin-echo\//, ''))).toEqual(['gateway.js', 'commands.js']);
  });

  it('is an MCP tool, echo_say, with its schema and description, and the gateway loads the MCP SDK only for /mcp', async () => {
    const sdkLoaded = () => readFileSync(gatewayLoads, 'utf8').split('\n').some((url) => url.includes('/@modelcontextprotocol/'));
    expect(sdkLoaded()).toBe(false);
    const { client } = await httpMcpClient({ url: cluster.url }, TOKEN);
    try {
      const echo = (await client.listTools()).tools.find((t) => t.name === 'echo_say');
      expect(echo).toMatchObject({ description: expect.stringContaining('Answers with the text, after the configured prefix.'), inputSchema: { properties: { text: { type: 'string' } }, required: ['node', 'text'] } });
      const said = (await client.callTool({ name: 'echo_say', arguments: { node: 'Echo Node', text: 'mcp' } })) as CallToolResult;
      expect(JSON.parse(textOf(said))).toEqual({ text: '> mcp', echoedBy: cluster.nodeIds['Echo Node'] });
    } finally {
      await client.close();
    }
    expect(sdkLoaded()).toBe(true);
  });

  it('runs echo.say for an operator over WebSocket, with the result changed by its gateway side', async () => {
    const op = await RawClient.open(cluster.url);
    await op.challenge();
    op.send(operatorConnect(TOKEN, ['operator.read', 'operator.write']));
    expect((await op.next((f) => f.type === 'res')).ok).toBe(true);
    const res = await op.request('node.invoke', { nodeId: cluster.nodeIds['Echo Node'], command: 'echo.say', params: { text: 'ws' }, idempotencyKey: 'say-ws' });
    op.close();
    expect(res).toMatchObject({ ok: true, payload: { ok: true, command: 'echo.say', payload: { text: '> ws', echoedBy: cluster.nodeIds['Echo Node'] } } });
  });

  it('runs echo.say through POST /v1/nodes/:node/invoke without any commands.allow entry', async () => {
    expect(await cluster.invoke('Echo Node', 'echo.say', { text: 'http' })).toMatchObject({
      status: 200,
      json: { ok: true, payload: { text: '> http', echoedBy: cluster.nodeIds['Echo Node'] } },
    });
  });

  it('runs echo.say through its contributed `openclaw nodes echo say` in a real CLI process', async () => {
    const r = await cli('operator', 'nodes', 'echo', 'say', '--node', 'Echo Node', '--text', 'cli', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ text: '> cli', echoedBy: cluster.nodeIds['Echo Node'] });
  });

  it('hands the caller its own error code, and a careless throw as a coded error while the node keeps serving', async () => {
    expect(await cluster.invoke('Echo Node', 'echo.refuse', { text: 'that' })).toMatchObject({
      status: 503,
      json: { error: { code: 'UNAVAILABLE', message: 'ECHO_REFUSED: the echo will not repeat "that"', details: { nodeError: { code: 'ECHO_REFUSED' } } } },
    });
    const careless = await cluster.invoke('Echo Node', 'echo.fail', { how: 'undeclared-code' });
    expect(careless).toMatchObject({
      status: 503,
      json: { error: { code: 'UNAVAILABLE', details: { nodeError: { code: 'NODE_INVOKE_FAILED', message: expect.stringContaining('threw error code ECHO_BROKEN, which it does not declare') } } } },
    });
    expect((await cluster.invoke('Echo Node', 'echo.say', { text: 'still here' })).json.payload).toEqual({ text: '> still here', echoedBy: cluster.nodeIds['Echo Node'] });
  });

  it('exposes nothing of it on a node that does not enable it, though the package is installed there', async () => {
    const plain = (await cluster.api('/v1/nodes')).json.nodes.find((n: any) => n.nodeId === cluster.nodeIds['Plain Node']);
    expect(plain.caps).not.toContain('echo');
    expect(plain.commands.filter((c: string) => c.startsWith('echo.'))).toEqual([]);
    expect(await cluster.invoke('Plain Node', 'echo.say', { text: 'hi' })).toMatchObject({ status: 403, json: { error: { code: 'COMMAND_NOT_DECLARED' } } });
  });

  it('refuses its dangerous echo.shout until gateway.nodes.commands.allow lists it', async () => {
    expect(await cluster.invoke('Echo Node', 'echo.shout', { text: 'hey' })).toMatchObject({
      status: 403,
      json: { error: { code: 'COMMAND_NOT_ALLOWED', message: expect.stringContaining('"echo.shout" requires explicit gateway.nodes.commands.allow opt-in') } },
    });
    await cluster.gateway!.stop();
    writeConfig('gateway', { ...GATEWAY_CONFIG, gateway: { ...GATEWAY_CONFIG.gateway, nodes: { commands: { allow: ['echo.shout'] } } } });
    await cluster.startGateway(envOf('gateway'));
    const shout = await poll(async () => {
      const res = await cluster.invoke('Echo Node', 'echo.shout', { text: 'hey' });
      return res.status === 200 ? res : undefined;
    }, 'echo.shout answering once allowed');
    expect(shout.json.payload).toEqual({ text: '> HEY' });
  });
});
