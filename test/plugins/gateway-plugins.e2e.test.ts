import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { GatewayCluster } from '../support/gateway-cluster.js';
import { runCli } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';

// A third-party plugin enabled by config only: nothing in the gateway, node or CLI names it.
const echoPackage = fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-echo', import.meta.url));
const TOKEN = 'gateway-plugins-e2e-token';

const gwDir = tempDir('oc-gwplugins-gw-');
const echoDir = tempDir('oc-gwplugins-echo-');
const plainDir = tempDir('oc-gwplugins-plain-');
const cliDir = tempDir('oc-gwplugins-cli-');
const pluginCliDir = tempDir('oc-gwplugins-plugincli-');
let cluster: GatewayCluster;

const cliEnv = () => ({ ...process.env, OPENCLAW_STATE_DIR: cliDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN });
const cli = (...args: string[]) => runCli([...args, '--url', cluster.url], cliEnv());
const api = (path: string, body?: unknown) => cluster.api(path, body);
const invoke = (node: string, command: string, params: unknown) => cluster.invoke(node, command, params);
const startGateway = (...extra: string[]) => cluster.startGateway({ ...process.env, OPENCLAW_STATE_DIR: gwDir.path }, ...extra);

/** A node host process with this `plugins` config, approved over HTTP; its id lands in `cluster.nodeIds`. */
async function startApprovedNode(name: string, dir: string, plugins: unknown) {
  writeFileSync(join(dir, 'openclaw.json'), JSON.stringify({ plugins }));
  await cluster.startApprovedNode(name, { ...process.env, OPENCLAW_STATE_DIR: dir });
}

const gatewayReport = () => JSON.parse(readFileSync(join(gwDir.path, 'echo-gateway.json'), 'utf8'));

beforeAll(async () => {
  cluster = new GatewayCluster(await freePort(), TOKEN);
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } }, plugins: { enabled: ['system', 'canvas', 'echo'], load: [echoPackage] } }), { mode: 0o600 });
  // The CLI's own config loads the plugin too, which is what offers `nodes echo …`.
  writeFileSync(join(pluginCliDir.path, 'openclaw.json'), JSON.stringify({ plugins: { load: [echoPackage] } }));
  await startGateway();
  await startApprovedNode('Echo Node', echoDir.path, { enabled: ['system', 'echo'], load: [echoPackage], options: { echo: { prefix: '> ' } } });
  // Loaded but not enabled: the plugin is on disk, yet this node must show none of it.
  await startApprovedNode('Plain Node', plainDir.path, { enabled: ['system'], load: [echoPackage] });
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  for (const dir of [gwDir, echoDir, plainDir, cliDir, pluginCliDir]) dir.cleanup();
});

describe('a third-party plugin enabled on the gateway and on one node', () => {
  it('starts its gateway side with the gateway services injected', () => {
    expect(gatewayReport()).toEqual({ events: ['started'], injected: { config: true, logger: true, nodeRegistry: true, invokeRouter: true, metrics: true } });
  });

  it('routes its non-dangerous command over HTTP without any commands.allow entry, post-processed by its gateway side', async () => {
    const res = await invoke('Echo Node', 'echo.say', { text: 'hi' });
    expect(res).toMatchObject({ status: 200, json: { ok: true, command: 'echo.say', payload: { text: '> hi', echoedBy: cluster.nodeIds['Echo Node'] } } });
    expect(JSON.parse(res.json.payloadJSON)).toEqual(res.json.payload);
  });

  it('routes it over WebSocket: the CLI prints the post-processed result', async () => {
    const r = await cli('nodes', 'invoke', '--node', 'Echo Node', '--command', 'echo.say', '--params', '{"text":"ws"}');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, payload: { text: '> ws', echoedBy: cluster.nodeIds['Echo Node'] } });
  });

  it('refuses its dangerous command until commands.allow names it', async () => {
    expect(await invoke('Echo Node', 'echo.shout', { text: 'hey' })).toMatchObject({
      status: 403,
      json: { error: { code: 'COMMAND_NOT_ALLOWED', message: 'node command not allowed: "echo.shout" requires explicit gateway.nodes.commands.allow opt-in' } },
    });
    const r = await cli('nodes', 'invoke', '--node', 'Echo Node', '--command', 'echo.shout', '--params', '{"text":"hey"}');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('requires explicit gateway.nodes.commands.allow opt-in');
  });

  it('passes its own declared error code from the node to the caller', async () => {
    expect(await invoke('Echo Node', 'echo.refuse', { text: 'that' })).toMatchObject({
      status: 503,
      json: { error: { code: 'UNAVAILABLE', message: 'ECHO_REFUSED: the echo will not repeat "that"', details: { nodeError: { code: 'ECHO_REFUSED' } } } },
    });
    const r = await cli('nodes', 'invoke', '--node', 'Echo Node', '--command', 'echo.refuse', '--params', '{"text":"that"}');
    expect(r.stderr).toContain('ECHO_REFUSED: the echo will not repeat "that"');
  });

  it('answers a gateway side that throws with a coded error, and keeps serving', async () => {
    expect(await invoke('Echo Node', 'echo.say', { text: 'gateway-refuses' })).toMatchObject({
      status: 422,
      json: { error: { code: 'ECHO_REFUSED', message: 'ECHO_REFUSED: the gateway will not pass that on' } },
    });
    const r = await cli('nodes', 'invoke', '--node', 'Echo Node', '--command', 'echo.say', '--params', '{"text":"gateway-refuses"}', '--json');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'ECHO_REFUSED', message: 'ECHO_REFUSED: the gateway will not pass that on' } });
    expect(await invoke('Echo Node', 'echo.say', { text: 'gateway-throws' })).toMatchObject({
      status: 502,
      json: { error: { code: 'PLUGIN_POSTPROCESS_FAILED', message: 'the gateway could not process the node result', details: { plugin: 'echo' } } },
    });
    expect((await invoke('Echo Node', 'echo.say', { text: 'still here' })).json.payload).toEqual({ text: '> still here', echoedBy: cluster.nodeIds['Echo Node'] });
  });

  it('leaves a node that does not enable it without any of it', async () => {
    const described = await api('/v1/nodes');
    const plain = described.json.nodes.find((n: any) => n.nodeId === cluster.nodeIds['Plain Node']);
    const echo = described.json.nodes.find((n: any) => n.nodeId === cluster.nodeIds['Echo Node']);
    expect(echo).toMatchObject({ caps: expect.arrayContaining(['echo']), commands: expect.arrayContaining(['echo.say', 'echo.refuse']) });
    expect(plain.caps).not.toContain('echo');
    expect(plain.commands.filter((c: string) => c.startsWith('echo.'))).toEqual([]);
    expect(await invoke('Plain Node', 'echo.say', { text: 'hi' })).toMatchObject({ status: 403, json: { error: { code: 'COMMAND_NOT_DECLARED' } } });
  });

  it('runs the dangerous command once the gateway allows it, and stops the gateway side with the gateway', async () => {
    await cluster.gateway!.stop();
    expect(gatewayReport().events).toEqual(['started', 'stopped']);
    await startGateway('--allow-command', 'echo.shout');
    const shout = await poll(async () => {
      const res = await invoke('Echo Node', 'echo.shout', { text: 'hey' });
      return res.status === 200 ? res : undefined;
    }, 'echo.shout answering after the allow');
    expect(shout.json.payload).toEqual({ text: '> HEY' });
  });
});

describe("a third-party plugin's CLI command, from the CLI config's plugins.load", () => {
  const pluginCli = (...args: string[]) => runCli([...args, '--url', cluster.url], { ...cliEnv(), OPENCLAW_STATE_DIR: pluginCliDir.path });

  it('runs `nodes echo say` through the gateway and prints what the node answered', async () => {
    const r = await pluginCli('nodes', 'echo', 'say', '--node', 'Echo Node', '--text', 'hi');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('> hi\n');
    const json = await pluginCli('nodes', 'echo', 'say', '--node', 'Echo Node', '--text', 'hi', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ text: '> hi', echoedBy: cluster.nodeIds['Echo Node'] });
  });

  it('writes the answer as a MEDIA file through the CLI it was handed', async () => {
    const r = await pluginCli('nodes', 'echo', 'say', '--node', 'Echo Node', '--text', 'file me', '--media');
    expect(r.code, r.stderr).toBe(0);
    const path = /^MEDIA:(\S+)\n$/.exec(r.stdout)?.[1];
    expect(path, r.stdout).toBeDefined();
    expect(readFileSync(path!, 'utf8')).toBe('> file me');
    rmSync(path!);
  });

  it('reports a node error the way built-in commands do', async () => {
    const r = await pluginCli('nodes', 'echo', 'say', '--node', 'Plain Node', '--text', 'hi', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: expect.any(String) } });
  });

  it('is not offered when the CLI config does not load the plugin', async () => {
    const r = await cli('nodes', 'echo', 'say', '--node', 'Echo Node', '--text', 'hi');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("unknown command 'echo'");
    expect((await pluginCli('nodes', '--help')).stdout).toMatch(/echo\s+talk to the echo plugin on a node/);
  });
});
