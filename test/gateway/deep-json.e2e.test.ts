import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';
import { tempDir } from '../support/temp-dir.js';
import { trustLocalProofOf } from '../support/local-proof.js';

const TOKEN = 'deep-json-token';
/** What a hostile node sends: 6,000 levels in 12 KB, far below any size limit. */
const DEEP = `${'['.repeat(6_000)}${']'.repeat(6_000)}`;
/** Deeper than the payload bound, shallow enough for the frame bound: arrives as a value. */
const nestedValue = (depth: number): unknown => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
// pid_max is at most 2^22 on Linux, so this pid cannot be running.
const DEAD_PID = 99_999_999;

const state = tempDir('oc-deep-gw-');
let gateway: ReturnType<typeof startProcess>;
let base: string;
let operator: RawClient;
let node: RawClient;
const identity = generateDeviceIdentity();
const nodeId = identity.deviceId;

/** Temp files a killed writer would leave, and files that only look alike. */
const planted = {
  stale: [join('gateway', `.pairing.json.${DEAD_PID}.0a1b2c3d4e5f.tmp`), `.exec-approvals.json.${DEAD_PID}.0a1b2c3d4e5f.tmp`, join('identity', `.device.json.${DEAD_PID}.0a1b2c3d4e5f.tmp`), `.openclaw.json.${process.pid}.0a1b2c3d4e5f.tmp`],
  foreign: ['.notes.tmp', join('gateway', 'pairing.json.bak.tmp')],
};

function plantTempFiles() {
  for (const dir of ['gateway', 'identity']) mkdirSync(join(state.path, dir), { recursive: true, mode: 0o700 });
  for (const name of [...planted.stale, ...planted.foreign]) writeFileSync(join(state.path, name), '{"half":');
  // This test process is alive: its leftover only counts as stale once it is old.
  const old = new Date(Date.now() - 60 * 60_000);
  utimesSync(join(state.path, `.openclaw.json.${process.pid}.0a1b2c3d4e5f.tmp`), old, old);
}

const nodeRequest = (method: string, params: unknown) => node.request(method, params);
const hostStats = (payloadJSON: string) => nodeRequest('node.event', { event: 'node.host.stats', payloadJSON });

/** Answers the next invoke request the raw node receives with `result` (id and nodeId filled in). */
async function answerNextInvoke(result: Record<string, unknown>) {
  const seen = node.frames.filter((f) => f.event === 'node.invoke.request').length;
  const request = await poll(async () => node.frames.filter((f) => f.event === 'node.invoke.request')[seen], 'an invoke request reaching the node');
  return nodeRequest('node.invoke.result', { id: request.payload.id, nodeId, ok: true, ...result });
}

async function expectGatewayServing() {
  expect(gateway.child.exitCode).toBeNull();
  expect((await operator.request('health', {})).payload.ok).toBe(true);
}

beforeAll(async () => {
  plantTempFiles();
  const port = await freePort();
  base = `127.0.0.1:${port}`;
  gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), '--token', TOKEN], { ...process.env, OPENCLAW_STATE_DIR: state.path }, /listening on/);
  await gateway.started;
  trustLocalProofOf(state.path);
  operator = await RawClient.open(`ws://${base}`);
  await operator.challenge();
  operator.send(operatorConnect(TOKEN, ['operator.admin']));
  expect((await operator.next((f) => f.type === 'res')).ok).toBe(true);
  // A loopback node is paired at once; its command surface waits for an operator.
  node = await RawClient.open(`ws://${base}`);
  node.send(nodeConnect(await node.challenge(), { token: TOKEN, identity, displayName: 'Deep Node' }));
  expect((await node.next((f) => f.type === 'res')).ok).toBe(true);
}, 60_000);

afterAll(async () => {
  operator?.close();
  node?.close();
  await gateway?.stop();
  state.cleanup();
});

describe('a gateway fed deeply nested JSON', () => {
  it('cleared the temp files of killed writes from its state directories at start, and only those', () => {
    for (const name of planted.stale) expect(readdirSync(join(state.path, name, '..'))).not.toContain(name.split('/').pop());
    for (const name of planted.foreign) expect(readdirSync(join(state.path, name, '..'))).toContain(name.split('/').pop());
  });

  it('answers an exec approvals relay that a pending node answers 6,000 levels deep with a coded error, and keeps serving', async () => {
    const call = operator.request('exec.approvals.node.get', { nodeId });
    const ack = await answerNextInvoke({ payloadJSON: DEEP });
    expect(ack.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'PAYLOAD_TOO_DEEP', maxDepth: 64 } });
    const res = await call;
    expect(res.ok).toBe(false);
    expect(res.error).toMatchObject({ code: 'UNAVAILABLE', details: { nodeError: { code: 'PAYLOAD_TOO_DEEP' } } });
    expect(res.error.message).toMatch(/^PAYLOAD_TOO_DEEP: the node's payloadJSON is nested more than 64 levels deep/);
    await expectGatewayServing();
  });

  it('refuses host stats from a node whose command surface is pending, with PAIRING_CHANGED', async () => {
    const res = await hostStats(`{"cpuCount":1,"x":${DEEP}}`);
    expect(res.error).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'PAIRING_CHANGED' }, retryable: true });
    const listed = await operator.request('node.describe', { nodeId });
    expect(listed.payload.hostStats).toBeUndefined();
  });

  it('refuses a runner inventory from a node whose command surface is pending, naming the approval to make', async () => {
    const list = await operator.request('node.pair.list', {});
    const request = list.payload.pending.find((p: any) => p.nodeId === nodeId);
    const res = await nodeRequest('node.runnerInventory.update', { protocolFeatures: [], workerHost: { enabled: false } });
    expect(res.error).toMatchObject({
      code: 'UNAVAILABLE',
      message: `node capability surface is awaiting operator approval; run \`openclaw nodes approve ${request.requestId}\` (see \`openclaw nodes pending\`), then this node retries automatically`,
      retryable: true,
    });
  });

  it('approves the surface, which writes the pairing file', async () => {
    const list = await operator.request('node.pair.list', {});
    const request = list.payload.pending.find((p: any) => p.nodeId === nodeId);
    expect((await operator.request('node.pair.approve', { requestId: request.requestId })).ok).toBe(true);
    await poll(async () => ((await operator.request('node.describe', { nodeId })).payload.approvalState === 'approved' ? true : undefined), 'the node approved');
    expect((await nodeRequest('node.runnerInventory.update', { protocolFeatures: [], workerHost: { enabled: false } })).payload).toEqual({ nodeId });
  });

  it('answers node.invoke with a coded error when the node result is too deep, as payloadJSON or as a value', async () => {
    for (const result of [{ payloadJSON: DEEP }, { payload: { nested: nestedValue(100) } }]) {
      const call = operator.request('node.invoke', { nodeId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: `k-${Math.random()}` });
      const ack = await answerNextInvoke(result);
      expect(ack.error.details.code).toBe('PAYLOAD_TOO_DEEP');
      const res = await call;
      expect(res.error).toMatchObject({ code: 'UNAVAILABLE', details: { nodeError: { code: 'PAYLOAD_TOO_DEEP' }, nodeCommandDispatched: true } });
    }
    await expectGatewayServing();
  });

  it('refuses invoke params nested past 64 levels, over WebSocket and HTTP, before the node sees them', async () => {
    const before = node.frames.filter((f) => f.event === 'node.invoke.request').length;
    const res = await operator.request('node.invoke', { nodeId, command: 'system.which', params: { bins: nestedValue(100) }, idempotencyKey: 'deep-params' });
    expect(res.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'PAYLOAD_TOO_DEEP', maxDepth: 64 } });
    const http = await fetch(`http://${base}/v1/nodes/${nodeId}/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: `{"command":"system.which","params":{"bins":${DEEP}}}`,
    });
    expect(http.status).toBe(400);
    expect(((await http.json()) as { error: unknown }).error).toMatchObject({ code: 'PAYLOAD_TOO_DEEP', details: { maxDepth: 128 } });
    expect(node.frames.filter((f) => f.event === 'node.invoke.request')).toHaveLength(before);
    await expectGatewayServing();
  });

  it('fails the call at once when its result frame is nested past 128 levels, instead of at its timeout', async () => {
    const seen = node.frames.filter((f) => f.event === 'node.invoke.request').length;
    const call = operator.request('node.invoke', { nodeId, command: 'system.which', params: { bins: ['sh'] }, timeoutMs: 600_000, idempotencyKey: 'deep-frame' });
    const request = await poll(async () => node.frames.filter((f) => f.event === 'node.invoke.request')[seen], 'an invoke request reaching the node');
    node.send(`{"type":"req","id":"deep-r","method":"node.invoke.result","params":{"id":"${request.payload.id}","nodeId":"${nodeId}","ok":true,"payload":${DEEP}}}`);
    expect((await node.next((f) => f.type === 'res' && f.id === 'deep-r')).error.details.code).toBe('PAYLOAD_TOO_DEEP');
    const res = await call;
    expect(res.error).toMatchObject({ code: 'UNAVAILABLE', details: { nodeError: { code: 'PAYLOAD_TOO_DEEP' } } });
    await expectGatewayServing();
  });

  it('answers a frame nested past 128 levels with PAYLOAD_TOO_DEEP and its own id', async () => {
    node.send(`{"type":"req","id":"deep-1","method":"node.event","params":{"event":"x","payload":${DEEP}}}`);
    const res = await node.next((f) => f.type === 'res' && f.id === 'deep-1');
    expect(res.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'PAYLOAD_TOO_DEEP', maxDepth: 128 } });
    await expectGatewayServing();
  });

  it('keeps only the bounded figures of host stats, and refuses deep ones', async () => {
    expect((await hostStats(`{"cpuCount":1,"x":${DEEP}}`)).error.details.code).toBe('PAYLOAD_TOO_DEEP');
    const kept = await nodeRequest('node.event', { event: 'node.host.stats', payload: { cpuCount: 2, loadAverage: [0.5], x: nestedValue(100) } });
    expect(kept.payload).toMatchObject({ handled: true, reason: 'updated' });
    expect((await hostStats('{"cpuCount":"many"}')).error.code).toBe('INVALID_REQUEST');
    const described = await operator.request('node.describe', { nodeId });
    expect(described.payload.hostStats).toEqual({ cpuCount: 2, loadAverage: [0.5], updatedAtMs: expect.any(Number) });
  });

  it('keeps a bounded node.plugins report for node.describe, and refuses an oversized, deep or malformed one', async () => {
    const plugins = (payload: unknown) => nodeRequest('node.event', { event: 'node.plugins', payloadJSON: JSON.stringify(payload) });
    const good = { plugins: [{ name: 'system', version: '0.1.0', status: 'ok' }, { name: 'echo', version: '1.2.0', status: 'failed', code: 'PLUGIN_LOAD_FAILED', message: 'boom' }] };
    expect((await plugins(good)).payload).toMatchObject({ handled: true, reason: 'updated' });
    const many = { plugins: Array.from({ length: 65 }, (_, i) => ({ name: `p${i}`, version: '1.0.0', status: 'ok' })) };
    const hostile = [
      many,
      { plugins: [{ name: 'echo', version: '1.0.0', status: 'failed', message: 'x'.repeat(1_001) }] },
      { plugins: [{ name: 'echo', version: '1.0.0', status: 'failed', code: 'not a code' }] },
      { plugins: [{ name: 'echo', version: '1.0.0', status: 'exploded' }] },
      { plugins: [{ name: 'echo', version: '1.0.0', status: 'ok', extra: nestedValue(100) }] },
    ];
    for (const payload of hostile) expect((await plugins(payload)).error.code).toBe('INVALID_REQUEST');
    expect((await nodeRequest('node.event', { event: 'node.plugins', payloadJSON: `{"plugins":${DEEP}}` })).error.details.code).toBe('PAYLOAD_TOO_DEEP');
    const described = await operator.request('node.describe', { nodeId });
    expect(described.payload.plugins).toEqual(good.plugins);
    await expectGatewayServing();
  });

  it('still writes pairing changes and answers GET /v1/nodes afterwards', async () => {
    const renamed = await operator.request('node.rename', { nodeId, displayName: 'Still Writable' });
    expect(renamed.ok).toBe(true);
    const pairing = readFileSync(join(state.path, 'gateway', 'pairing.json'), 'utf8');
    expect(pairing).toContain('"renamedTo":"Still Writable"');
    const res = await fetch(`http://${base}/v1/nodes`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(JSON.stringify(body)).toContain('Still Writable');
  });

  it('exits promptly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => gateway.child.once('exit', (code) => resolve(code)));
    gateway.child.kill('SIGTERM');
    // Generous: a wedged shutdown never exits at all.
    const code = await Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 20_000))]);
    expect(code).toBe(0);
  });
});
