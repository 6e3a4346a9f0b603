import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { poll, runCli, startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';
import { tokenApi } from '../support/token-api.js';

// A third-party plugin enabled by config only: nothing in the gateway, node or CLI names it.
const echoPackage = fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-echo', import.meta.url));
const TOKEN = 'gateway-plugins-e2e-token';

const gwDir = tempDir('oc-gwplugins-gw-');
const echoDir = tempDir('oc-gwplugins-echo-');
const plainDir = tempDir('oc-gwplugins-plain-');
const cliDir = tempDir('oc-gwplugins-cli-');
const pluginCliDir = tempDir('oc-gwplugins-plugincli-');
let port: number;
let gateway: ReturnType<typeof startProcess>;
const nodes: Array<ReturnType<typeof startProcess>> = [];
const nodeIds: Record<string, string> = {};

const cliEnv = () => ({ ...process.env, OPENCLAW_STATE_DIR: cliDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN });
const cli = (...args: string[]) => runCli([...args, '--url', `ws://127.0.0.1:${port}`], cliEnv());

const api = (path: string, body?: unknown) => tokenApi(port, TOKEN, path, body);

const invoke = (node: string, command: string, params: unknown) => api(`/v1/nodes/${nodeIds[node]}/invoke`, { command, params });

function startGateway(...extra: string[]) {
  gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), ...extra], { ...process.env, OPENCLAW_STATE_DIR: gwDir.path }, /listening on/);
  return gateway.started;
}

/** A node host process with this `plugins` config, approved over HTTP; its id lands in `nodeIds`. */
async function startApprovedNode(name: string, dir: string, plugins: unknown) {
  writeFileSync(join(dir, 'openclaw.json'), JSON.stringify({ plugins }));
  const env = { ...process.env, OPENCLAW_STATE_DIR: dir, OPENCLAW_GATEWAY_TOKEN: TOKEN };
  const node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(port), '--display-name', name], env, /connected to|waiting for approval/);
  nodes.push(node);
  await node.started;
  const pending = await poll(async () => (await api('/v1/pairing')).json.pending.find((p: any) => p.displayName === name), 15_000, `${name} asking for approval`);
  const approved = await api(`/v1/pairing/${pending.requestId}/approve`, {});
  if (approved.status !== 200) throw new Error(`approving ${name} failed: ${JSON.stringify(approved.json)}`);
  nodeIds[name] = pending.nodeId;
  // Approved surfaces apply on the node's next connect; wait until the node answers.
  await poll(async () => ((await invoke(name, 'system.which', { bins: ['sh'] })).status === 200 ? true : undefined), 15_000, `${name} serving after approval`);
}

const gatewayReport = () => JSON.parse(readFileSync(join(gwDir.path, 'echo-gateway.json'), 'utf8'));

beforeAll(async () => {
  port = await freePort();
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } }, plugins: { enabled: ['system', 'canvas', 'echo'], load: [echoPackage] } }), { mode: 0o600 });
  // The CLI's own config loads the plugin too, which is what offers `nodes echo …`.
  writeFileSync(join(pluginCliDir.path, 'openclaw.json'), JSON.stringify({ plugins: { load: [echoPackage] } }));
  await startGateway();
  await startApprovedNode('Echo Node', echoDir.path, { enabled: ['system', 'echo'], load: [echoPackage], options: { echo: { prefix: '> ' } } });
  // Loaded but not enabled: the plugin is on disk, yet this node must show none of it.
  await startApprovedNode('Plain Node', plainDir.path, { enabled: ['system'], load: [echoPackage] });
}, 120_000);

afterAll(async () => {
  for (const node of nodes) await node.stop();
  await gateway?.stop();
  for (const dir of [gwDir, echoDir, plainDir, cliDir, pluginCliDir]) dir.cleanup();
});

describe('a third-party plugin enabled on the gateway and on one node', () => {
  it('starts its gateway side with the gateway services injected', () => {
    expect(gatewayReport()).toEqual({ events: ['started'], injected: { config: true, logger: true, nodeRegistry: true, invokeRouter: true, metrics: true } });
  });

  it('routes its non-dangerous command over HTTP without any commands.allow entry, post-processed by its gateway side', async () => {
    const res = await invoke('Echo Node', 'echo.say', { text: 'hi' });
    expect(res).toMatchObject({ status: 200, json: { ok: true, command: 'echo.say', payload: { text: '> hi', echoedBy: nodeIds['Echo Node'] } } });
    expect(JSON.parse(res.json.payloadJSON)).toEqual(res.json.payload);
  });

  it('routes it over WebSocket: the CLI prints the post-processed result', async () => {
    const r = await cli('nodes', 'invoke', '--node', 'Echo Node', '--command', 'echo.say', '--params', '{"text":"ws"}');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, payload: { text: '> ws', echoedBy: nodeIds['Echo Node'] } });
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
    expect((await invoke('Echo Node', 'echo.say', { text: 'still here' })).json.payload).toEqual({ text: '> still here', echoedBy: nodeIds['Echo Node'] });
  });

  it('leaves a node that does not enable it without any of it', async () => {
    const described = await api('/v1/nodes');
    const plain = described.json.nodes.find((n: any) => n.nodeId === nodeIds['Plain Node']);
    const echo = described.json.nodes.find((n: any) => n.nodeId === nodeIds['Echo Node']);
    expect(echo).toMatchObject({ caps: expect.arrayContaining(['echo']), commands: expect.arrayContaining(['echo.say', 'echo.refuse']) });
    expect(plain.caps).not.toContain('echo');
    expect(plain.commands.filter((c: string) => c.startsWith('echo.'))).toEqual([]);
    expect(await invoke('Plain Node', 'echo.say', { text: 'hi' })).toMatchObject({ status: 403, json: { error: { code: 'COMMAND_NOT_DECLARED' } } });
  });

  it('runs the dangerous command once the gateway allows it, and stops the gateway side with the gateway', async () => {
    await gateway.stop();
    expect(gatewayReport().events).toEqual(['started', 'stopped']);
    await startGateway('--allow-command', 'echo.shout');
    const shout = await poll(async () => {
      const res = await invoke('Echo Node', 'echo.shout', { text: 'hey' });
      return res.status === 200 ? res : undefined;
    }, 15_000, 'echo.shout answering after the allow');
    expect(shout.json.payload).toEqual({ text: '> HEY' });
  });
});

describe("a third-party plugin's CLI command, from the CLI config's plugins.load", () => {
  const pluginCli = (...args: string[]) => runCli([...args, '--url', `ws://127.0.0.1:${port}`], { ...cliEnv(), OPENCLAW_STATE_DIR: pluginCliDir.path });

  it('runs `nodes echo say` through the gateway and prints what the node answered', async () => {
    const r = await pluginCli('nodes', 'echo', 'say', '--node', 'Echo Node', '--text', 'hi');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('> hi\n');
    const json = await pluginCli('nodes', 'echo', 'say', '--node', 'Echo Node', '--text', 'hi', '--json');
    expect(JSON.parse(json.stdout)).toEqual({ text: '> hi', echoedBy: nodeIds['Echo Node'] });
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
