import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '@openclaw-nodes/core/protocol';
import { freePort } from '../support/free-port.js';
import { GatewayCluster } from '../support/gateway-cluster.js';
import { runCli, type startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * A gateway and a node host that both load a plugin misbehaving on purpose: every fault must
 * reach the caller at once as a coded error with a message a person can act on, and the node
 * host must keep serving.
 */
const HOSTILE = fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-hostile', import.meta.url));
const TOKEN = 'hostile-results-token';
const NODE = 'Hostile Node';
const base = tempDir('oc-hostile-results-');
const marks = join(base.path, 'marks');
let cluster: GatewayCluster;
let node: ReturnType<typeof startProcess>;

const envOf = (role: 'gateway' | 'node'): NodeJS.ProcessEnv => ({
  ...process.env,
  OPENCLAW_CONFIG_PATH: join(base.path, `${role}.json`),
  OPENCLAW_STATE_DIR: join(base.path, 'state', role),
  OPENCLAW_GATEWAY_TOKEN: TOKEN,
  HOSTILE_MARK_DIR: marks,
});
/** `POST /v1/nodes/:node/invoke`, with the caller's own deadline. */
const invoke = (command: string, params: unknown, timeoutMs = 20_000) => cluster.api(`/v1/nodes/${cluster.nodeIds[NODE]}/invoke`, { command, params, timeoutMs });

beforeAll(async () => {
  for (const dir of [marks, join(base.path, 'state', 'gateway'), join(base.path, 'state', 'node')]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(base.path, 'gateway.json'), JSON.stringify({ gateway: { auth: { token: TOKEN } }, plugins: { load: [HOSTILE] } }), { mode: 0o600 });
  writeFileSync(join(base.path, 'node.json'), JSON.stringify({ plugins: { load: [HOSTILE] } }), { mode: 0o600 });
  cluster = new GatewayCluster(await freePort(), TOKEN);
  await cluster.startGateway(envOf('gateway'));
  node = await cluster.startApprovedNode(NODE, envOf('node'));
}, 120_000);

afterAll(async () => {
  await cluster?.stop();
  base.cleanup();
});

/** The node host is still up and serving after what the plugin did. */
async function expectNodeServing(): Promise<void> {
  expect(node.child.exitCode).toBeNull();
  expect((await cluster.invoke(NODE, 'system.which', { bins: ['sh'] })).status).toBe(200);
}

describe('a node-side handler that misbehaves', () => {
  it('answers PAYLOAD_TOO_LARGE with the size at once for a result larger than one frame, not TIMEOUT', async () => {
    const answer = await invoke('hostile.big', { bytes: MAX_PAYLOAD_BYTES + 1_000 });
    expect(answer.status).toBe(503);
    expect(answer.json.error.details.nodeError).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/hostile\.big result is too large to send: .* of \d+ bytes exceeds the \d+ byte limit/) });
    await expectNodeServing();
  });

  it.each(['cycle', 'bigint', 'throwing-tojson'])('answers NODE_INVOKE_FAILED in plain words for a result JSON cannot hold (%s)', async (kind) => {
    const answer = await invoke('hostile.unencodable', { kind });
    expect(answer.json.error.details.nodeError).toEqual({
      code: 'NODE_INVOKE_FAILED',
      message: 'the hostile.unencodable result could not be encoded as JSON: it holds a cycle, a BigInt, a value whose toJSON throws, or text too long',
    });
    await expectNodeServing();
  });

  it.each(['undefined', 'string', 'symbol', 'null-prototype'])('answers NODE_INVOKE_FAILED "node invocation failed" when it throws a non-error (%s)', async (kind) => {
    const answer = await invoke('hostile.throw', { kind });
    expect(answer.status).toBe(503);
    expect(answer.json.error.details.nodeError).toEqual({ code: 'NODE_INVOKE_FAILED', message: 'node invocation failed' });
    await expectNodeServing();
  });

  it('passes an undeclared error code on as details.originalCode, over HTTP and in `nodes invoke --json`', async () => {
    const answer = await invoke('hostile.throw', { kind: 'undeclared' });
    expect(answer.json.error.details).toMatchObject({ originalCode: 'HOSTILE_MELTDOWN', nodeError: { code: 'NODE_INVOKE_FAILED' } });
    expect(answer.json.error.message).toContain('threw error code HOSTILE_MELTDOWN, which it does not declare');
    const cli = await runCli(['nodes', 'invoke', '--url', cluster.url, '--node', NODE, '--command', 'hostile.throw', '--params', '{"kind":"undeclared"}', '--json'], envOf('node'));
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout).error.details).toMatchObject({ originalCode: 'HOSTILE_MELTDOWN', nodeError: { code: 'NODE_INVOKE_FAILED' } });
  });

  it('logs and drops an event JSON cannot hold, emitted after the handler returned, and keeps running', async () => {
    expect((await invoke('hostile.emit', {})).json.payload).toEqual({ emitting: true });
    // The log line is JSON: the event's name is in escaped quotes there.
    await poll(async () => (node.output().includes('event of hostile.emit: its payload could not be encoded as JSON') ? true : undefined), 'the node logging the dropped event');
    await expectNodeServing();
  });
});

describe("a plugin's gateway-side processor that misbehaves", () => {
  it('gives `payload: null` when it returns nothing', async () => {
    const answer = await invoke('hostile.processed', { mode: 'nothing' });
    expect(answer.status).toBe(200);
    expect(answer.json).toHaveProperty('payload', null);
  });

  it('answers PLUGIN_POSTPROCESS_FAILED naming the plugin when its result JSON cannot hold', async () => {
    const answer = await invoke('hostile.processed', { mode: 'cycle' });
    expect(answer.json.error).toMatchObject({ code: 'PLUGIN_POSTPROCESS_FAILED', details: { plugin: 'hostile' } });
    expect(answer.json.error.message).toContain('could not be encoded as JSON');
  });

  it("is bounded by the caller's timeoutMs, not only the gateway's 30 s, and is told to stop through its signal", async () => {
    const answer = await invoke('hostile.processed', { mode: 'slow' }, 3_000);
    expect(answer.json.error).toMatchObject({ code: 'PLUGIN_POSTPROCESS_FAILED', details: { plugin: 'hostile' } });
    // What was left of the caller's 3 s after the node answered, not DEFAULT_POSTPROCESS_TIMEOUT_MS.
    expect(answer.json.error.details.timeoutMs).toBeLessThanOrEqual(3_000);
    await poll(async () => (existsSync(join(marks, 'aborted')) ? true : undefined), 'the processor seeing its signal abort');
    expect(readFileSync(join(marks, 'aborted'), 'utf8')).toBe('PLUGIN_POSTPROCESS_FAILED');
  });
});
