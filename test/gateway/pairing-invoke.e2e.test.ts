import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';

type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;
const ALL_SCOPES = ['operator.read', 'operator.write', 'operator.pairing', 'operator.admin'];

async function operator(url: string, scopes = ALL_SCOPES): Promise<RawClient> {
  const op = await RawClient.open(url);
  await op.challenge();
  op.send(operatorConnect(TEST_TOKEN, scopes));
  const hello = await op.next((f) => f.type === 'res');
  expect(hello.ok).toBe(true);
  return op;
}

/** A node that answers system.which like a node host would. */
async function answeringNode(url: string, identity = generateDeviceIdentity(), answer = true) {
  const node = await RawClient.open(url);
  const challenge = await node.challenge();
  node.send(nodeConnect(challenge, { token: TEST_TOKEN, identity }));
  const hello = await node.next((f) => f.type === 'res');
  node.ws.on('message', (data) => {
    const f = JSON.parse(String(data));
    if (answer && f.event === 'node.invoke.request') {
      const params = JSON.parse(f.payload.paramsJSON);
      node.send({
        type: 'req',
        id: `r:${f.payload.id}`,
        method: 'node.invoke.result',
        params: { id: f.payload.id, nodeId: f.payload.nodeId, ok: true, payloadJSON: JSON.stringify({ bins: { [params.bins[0]]: `/usr/bin/${params.bins[0]}` } }) },
      });
    }
  });
  return { node, hello, identity };
}

async function approveAll(op: RawClient) {
  const list = await op.request('node.pair.list', {});
  for (const p of list.payload.pending) {
    const res = await op.request('node.pair.approve', { requestId: p.requestId });
    expect(res.ok).toBe(true);
  }
}

describe('gateway pairing and invoke', () => {
  let gw: TestGateway;
  beforeEach(async () => {
    gw = await startTestGateway();
  });
  afterEach(async () => {
    await gw.stop();
  });

  it('pairs a loopback node silently, holds its commands until the surface is approved, then invokes', async () => {
    const op = await operator(gw.url);
    const { node, hello, identity } = await answeringNode(gw.url);
    expect(hello.ok).toBe(true);
    expect(hello.payload.auth).toMatchObject({ role: 'node', scopes: [] });
    expect(hello.payload.auth.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hello.payload.policy.tickIntervalMs).toBeGreaterThan(0);

    const before = await op.request('node.list', {});
    expect(before.payload.nodes).toHaveLength(1);
    expect(before.payload.nodes[0]).toMatchObject({ nodeId: identity.deviceId, approvalState: 'pending-approval', commands: [], connected: true, paired: true });

    const refused = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['uname'] }, idempotencyKey: 'k1' });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'PAIRING_CHANGED' } });
    expect(node.frames.some((f) => f.event === 'node.invoke.request')).toBe(false);

    const pending = await op.request('node.pair.list', {});
    expect(pending.payload.pending[0]).toMatchObject({ nodeId: identity.deviceId, commands: ['system.which'], requiredApproveScopes: ['operator.pairing', 'operator.admin'] });
    await approveAll(op);
    const resolved = await node.next((f) => f.event === 'node.pair.resolved');
    expect(resolved.seq).toBeUndefined();

    const after = await op.request('node.list', {});
    expect(after.payload.nodes[0]).toMatchObject({ approvalState: 'approved', commands: ['system.which'], caps: ['system'] });

    const res = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['uname'] }, idempotencyKey: 'k2' });
    expect(res.ok).toBe(true);
    expect(res.payload).toMatchObject({ ok: true, nodeId: identity.deviceId, command: 'system.which', payload: { bins: { uname: '/usr/bin/uname' } } });
    expect(typeof res.payload.payloadJSON).toBe('string');
  });

  it('refuses undeclared and dangerous commands without reaching the node', async () => {
    const op = await operator(gw.url);
    const { node, identity } = await answeringNode(gw.url);
    await approveAll(op);
    const undeclared = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.notify', params: {}, idempotencyKey: 'a' });
    expect(undeclared.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'COMMAND_NOT_DECLARED', command: 'system.notify' } });
    const dangerous = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'camera.snap', params: {}, idempotencyKey: 'b' });
    expect(dangerous.error.message).toContain('requires explicit gateway.nodes.commands.allow opt-in');
    const approvals = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.execApprovals.get', params: {}, idempotencyKey: 'c' });
    expect(approvals.error.message).toContain('use exec.approvals.node.*');
    expect(node.frames.some((f) => f.event === 'node.invoke.request')).toBe(false);
  });

  it('fails a call with DISCONNECTED within a second when the node drops mid-invoke', async () => {
    const op = await operator(gw.url);
    const { node, identity } = await answeringNode(gw.url, generateDeviceIdentity(), false);
    await approveAll(op);
    const pending = op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['x'] }, idempotencyKey: 'd', timeoutMs: 20_000 });
    await node.next((f) => f.event === 'node.invoke.request');
    const t0 = Date.now();
    node.ws.terminate();
    const res = await pending;
    // The deadline is 1 s; 10 s is a bound no loaded machine reaches, still well before the call's own 20 s.
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(res.error).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'DISCONNECTED', nodeError: { code: 'DISCONNECTED' } } });

    const offline = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['x'] }, idempotencyKey: 'e' });
    expect(offline.error).toMatchObject({ code: 'UNAVAILABLE', message: 'node not connected', details: { code: 'NOT_CONNECTED', nodeCommandDispatched: false } });
  });

  it('times out a silent node, sends it node.invoke.cancel and ignores its late result', async () => {
    const op = await operator(gw.url);
    const { node, identity } = await answeringNode(gw.url, generateDeviceIdentity(), false);
    await approveAll(op);
    const res = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['x'] }, idempotencyKey: 'f', timeoutMs: 200 });
    expect(res.error).toMatchObject({ code: 'UNAVAILABLE', message: 'TIMEOUT: node invoke timed out', details: { nodeError: { code: 'TIMEOUT' } } });
    const request = await node.next((f) => f.event === 'node.invoke.request');
    const cancel = await node.next((f) => f.event === 'node.invoke.cancel');
    expect(cancel.payload).toEqual({ invokeId: request.payload.id, nodeId: identity.deviceId });
    const late = await node.request('node.invoke.result', { id: request.payload.id, nodeId: identity.deviceId, ok: true, payloadJSON: '{}' });
    expect(late.payload).toEqual({ ok: true, ignored: true });
  });

  it('returns the same device token on reconnect and accepts it instead of the shared token', async () => {
    const identity = generateDeviceIdentity();
    const first = await answeringNode(gw.url, identity);
    const token = first.hello.payload.auth.deviceToken;
    first.node.close();
    await first.node.closed;
    const again = await RawClient.open(gw.url);
    again.send(nodeConnect(await again.challenge(), { deviceToken: token, identity }));
    const hello = await again.next((f) => f.type === 'res');
    expect(hello.ok).toBe(true);
    expect(hello.payload.auth).toMatchObject({ method: 'device-token', deviceToken: token });
  });
});
