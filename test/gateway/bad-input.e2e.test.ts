import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';

type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;

/** Sends a node connect built by `build` and returns the response frame and close code. */
async function connectWith(url: string, build: (challenge: { nonce: string; ts: number }) => any) {
  const c = await RawClient.open(url);
  const challenge = await c.challenge();
  c.send(build(challenge));
  const res = await c.next((f) => f.type === 'res');
  await c.closed;
  return { res, code: c.closeCode, reason: c.closeReason };
}

describe('gateway on bad input', () => {
  let gw: TestGateway;
  let watcher: RawClient;

  beforeAll(async () => {
    gw = await startTestGateway({ autoApproveLocal: false });
    watcher = await RawClient.open(gw.url);
    await watcher.challenge();
    watcher.send(operatorConnect(TEST_TOKEN, ['operator.read', 'operator.pairing']));
    expect((await watcher.next((f) => f.type === 'res')).ok).toBe(true);
  });

  afterAll(async () => {
    // After everything below, the gateway still serves a client that behaved.
    const health = await watcher.request('health', {});
    expect(health.payload.ok).toBe(true);
    watcher.close();
    await gw.stop();
  });

  const cases: Array<[string, (ch: { nonce: string; ts: number }) => any, Record<string, unknown>]> = [
    ['a wrong shared token', (ch) => nodeConnect(ch, { token: 'wrong-token' }), { code: 'INVALID_REQUEST', message: 'unauthorized: gateway token mismatch (provide gateway auth token)', details: { code: 'AUTH_TOKEN_MISMATCH' } }],
    ['no credential', (ch) => nodeConnect(ch, {}), { code: 'INVALID_REQUEST', details: { code: 'AUTH_TOKEN_MISSING' } }],
    ['a wrong device token', (ch) => nodeConnect(ch, { deviceToken: 'bogus-device-token-value' }), { code: 'INVALID_REQUEST', details: { code: 'AUTH_DEVICE_TOKEN_MISMATCH' } }],
    ['a bad signature', (ch) => nodeConnect(ch, { token: TEST_TOKEN, mutate: (p) => (p.device.signature = p.device.signature.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A'))) }), { message: 'device signature invalid', details: { code: 'DEVICE_AUTH_SIGNATURE_INVALID', reason: 'device-signature' } }],
    ['a stale signedAt', (ch) => nodeConnect(ch, { token: TEST_TOKEN, signedAt: ch.ts - 10 * 60_000 }), { message: 'device signature expired', details: { code: 'DEVICE_AUTH_SIGNATURE_EXPIRED' } }],
    ['a nonce mismatch', (ch) => nodeConnect(ch, { token: TEST_TOKEN, nonce: 'not-the-challenge' }), { message: 'device nonce mismatch', details: { code: 'DEVICE_AUTH_NONCE_MISMATCH' } }],
    ['a device id that is not its key', (ch) => nodeConnect(ch, { token: TEST_TOKEN, mutate: (p) => (p.device.id = '0'.repeat(64)) }), { message: 'device identity mismatch', details: { code: 'DEVICE_AUTH_DEVICE_ID_MISMATCH' } }],
    ['a node without a device identity', (ch) => nodeConnect(ch, { token: TEST_TOKEN, mutate: (p) => delete p.device }), { code: 'NOT_PAIRED', message: 'device identity required', details: { code: 'DEVICE_IDENTITY_REQUIRED' } }],
    ['protocol 2', (ch) => nodeConnect(ch, { token: TEST_TOKEN, mutate: (p) => ((p.minProtocol = 2), (p.maxProtocol = 2)) }), { message: 'protocol mismatch', details: { code: 'PROTOCOL_MISMATCH', expectedProtocol: 4 } }],
    ['connect params that break the schema', (ch) => nodeConnect(ch, { token: TEST_TOKEN, mutate: (p) => (p.client.id = 42) }), { code: 'INVALID_REQUEST' }],
    ['a display name of 1,000 characters', (ch) => nodeConnect(ch, { token: TEST_TOKEN, displayName: 'x'.repeat(1_000) }), { code: 'INVALID_REQUEST', message: expect.stringMatching(/client\.displayName/) }],
    ['2,000 declared commands', (ch) => nodeConnect(ch, { token: TEST_TOKEN, commands: Array.from({ length: 2_000 }, (_, i) => `cmd.${i}`) }), { code: 'INVALID_REQUEST', message: expect.stringMatching(/commands/) }],
    ['300 claimed permissions', (ch) => nodeConnect(ch, { token: TEST_TOKEN, mutate: (p) => (p.permissions = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`perm.${i}`, true]))) }), { code: 'INVALID_REQUEST', message: expect.stringMatching(/at most 256 permissions/) }],
  ];

  it.each(cases)('refuses %s with the documented error and closes', async (_name, build, expected) => {
    const { res, code } = await connectWith(gw.url, build);
    expect(res.ok).toBe(false);
    expect(res.error).toMatchObject(expected);
    expect(code).toBe((expected.details as any)?.code === 'PROTOCOL_MISMATCH' ? 1002 : 1008);
  });

  it('holds an unpaired device at PAIRING_REQUIRED and lists its request', async () => {
    const identity = generateDeviceIdentity();
    const { res, reason } = await connectWith(gw.url, (ch) => nodeConnect(ch, { token: TEST_TOKEN, identity }));
    expect(res.error).toMatchObject({ code: 'NOT_PAIRED', message: 'pairing required: device is not approved yet', details: { code: 'PAIRING_REQUIRED', reason: 'not-paired', deviceId: identity.deviceId } });
    expect(reason).toBe(`pairing required: device is not approved yet (requestId: ${res.error.details.requestId})`);
    const requested = await watcher.next((f) => f.event === 'device.pair.requested' && f.payload.deviceId === identity.deviceId);
    expect(requested.seq).toBeGreaterThan(0);
    const list = await watcher.request('device.pair.list', {});
    expect(list.payload.pending.map((p: any) => p.requestId)).toContain(res.error.details.requestId);
  });

  it('treats a loopback connection carrying forwarding headers as remote', async () => {
    const local = await startTestGateway({ autoApproveLocal: true });
    try {
      const c = await RawClient.open(local.url, { 'X-Forwarded-For': '203.0.113.9' });
      c.send(nodeConnect(await c.challenge(), { token: TEST_TOKEN }));
      const res = await c.next((f) => f.type === 'res');
      expect(res.error).toMatchObject({ details: { code: 'PAIRING_REQUIRED' } });
    } finally {
      await local.stop();
    }
  });

  it('refuses an unknown or missing role at connect', async () => {
    for (const role of ['worker', 'admin']) {
      const c = await RawClient.open(gw.url);
      await c.challenge();
      const frame = operatorConnect(TEST_TOKEN, ['operator.admin']);
      frame.params.role = role;
      c.send(frame);
      const res = await c.next((f) => f.type === 'res');
      expect(res.error).toMatchObject({ code: 'INVALID_REQUEST', message: `invalid role "${role}": connect with role "operator" or "node"` });
      await c.closed;
      expect(c.closeCode).toBe(1008);
    }
    const c = await RawClient.open(gw.url);
    await c.challenge();
    const frame = operatorConnect(TEST_TOKEN, ['operator.read']);
    delete frame.params.role;
    c.send(frame);
    const res = await c.next((f) => f.type === 'res');
    expect(res.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'missing role: connect with role "operator" or "node"' });
    await c.closed;
    expect(c.closeCode).toBe(1008);
  });

  it('answers a first frame that is not connect with INVALID_REQUEST and closes 1008', async () => {
    const c = await RawClient.open(gw.url);
    await c.challenge();
    const res = await c.request('node.list', {});
    await c.closed;
    expect(res.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'invalid handshake: first request must be connect' });
    expect(c.closeCode).toBe(1008);
  });

  it('closes 1009 on a 1 MB pre-auth frame', async () => {
    const c = await RawClient.open(gw.url);
    await c.challenge();
    c.send(JSON.stringify({ type: 'req', id: '1', method: 'connect', params: { pad: 'x'.repeat(1024 * 1024) } }));
    await c.closed;
    expect(c.closeCode).toBe(1009);
    expect(c.closeReason).toBe('preauth payload too large');
  });

  it('closes on invalid JSON before the handshake, and ignores it after', async () => {
    const c = await RawClient.open(gw.url);
    await c.challenge();
    c.send('{not json');
    await c.closed;
    expect(c.closeCode).toBe(1008);
    expect(c.closeReason).toContain('invalid JSON frame');

    watcher.send('{still not json');
    watcher.send(JSON.stringify({ type: 'req', id: 7, method: 'node.list' }));
    const res = await watcher.request('node.list', {});
    expect(res.ok).toBe(true);
  });

  it('answers an unknown method and a node-only method with the documented errors', async () => {
    const unknown = await watcher.request('no.such.method', {});
    expect(unknown.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown method: no.such.method' });
    const nodeOnly = await watcher.request('node.invoke.result', { id: 'x', nodeId: 'y', ok: true });
    expect(nodeOnly.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'unauthorized role: operator' });
    const scope = await watcher.request('node.invoke', { nodeId: 'x', command: 'system.which', idempotencyKey: 'k' });
    expect(scope.error).toMatchObject({ code: 'FORBIDDEN', message: 'missing scope: operator.write', details: { code: 'MISSING_SCOPE' } });
    const schema = await watcher.request('node.describe', {});
    expect(schema.error.code).toBe('INVALID_REQUEST');
    expect(schema.error.message).toMatch(/^invalid node.describe params: /);
    const unknownNode = await watcher.request('node.describe', { nodeId: 'nope' });
    expect(unknownNode.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'unknown nodeId' });
  });

  it('refuses a browser upgrade from a foreign Origin with 403 and no frames', async () => {
    const attempt = RawClient.open(gw.url, { Origin: 'https://evil.example' });
    await expect(attempt).rejects.toThrow(/403/);
    const own = await RawClient.open(gw.url, { Origin: gw.url.replace('ws://', 'http://') });
    await own.challenge();
    own.close();
  });

  it('locks out a remote address after 10 failed authentications, without affecting loopback', async () => {
    const remote = { 'X-Forwarded-For': '198.51.100.7' };
    for (let i = 0; i < 10; i++) {
      const c = await RawClient.open(gw.url, remote);
      c.send(nodeConnect(await c.challenge(), { token: 'wrong-token' }));
      expect((await c.next((f) => f.type === 'res')).error.details.code).toBe('AUTH_TOKEN_MISMATCH');
      await c.closed;
    }
    const locked = await RawClient.open(gw.url, remote);
    locked.send(nodeConnect(await locked.challenge(), { token: TEST_TOKEN }));
    const res = await locked.next((f) => f.type === 'res');
    expect(res.error).toMatchObject({ code: 'INVALID_REQUEST', details: { code: 'AUTH_RATE_LIMITED' } });
    expect(res.error.retryAfterMs).toBeGreaterThan(60_000);
    const local = await RawClient.open(gw.url);
    await local.challenge();
    local.send(operatorConnect(TEST_TOKEN, ['operator.read']));
    expect((await local.next((f) => f.type === 'res')).ok).toBe(true);
    local.close();
  });

  it('closes a socket that never completes the handshake', async () => {
    const quick = await startTestGateway({ handshakeTimeoutMs: 200 });
    try {
      const c = await RawClient.open(quick.url);
      await c.closed;
      expect(c.closeCode).toBe(1008);
      expect(c.closeReason).toBe('handshake timeout');
    } finally {
      await quick.stop();
    }
  });
});
