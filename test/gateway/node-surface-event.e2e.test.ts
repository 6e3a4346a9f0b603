import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { openEvents } from '../http/http-kit.js';
import { TEST_TOKEN, startTestGateway } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { RawClient, nodeConnect } from '../support/raw-client.js';
import { adminOperator } from '../support/stalled-node.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let operator: RawClient;
let node: RawClient;
const identity = generateDeviceIdentity();
const nodeId = identity.deviceId;

/** A `node.surface` event from the raw node: what a node host sends when a plugin's surface changes. */
const surface = (payload: unknown) => node.request('node.event', { event: 'node.surface', payloadJSON: JSON.stringify(payload) });
/** Sends a surface until the gateway takes it (it takes at most one change a second per node); its answer. */
const accepted = (payload: unknown) => poll(async () => ((r) => (r.ok ? r : undefined))(await surface(payload)), 'the surface accepted');
const describeNode = async () => (await operator.request('node.describe', { nodeId })).payload;
const invoke = (command: string) => operator.request('node.invoke', { nodeId, command, params: {}, timeoutMs: 5_000, idempotencyKey: `k-${Math.random()}` });

beforeAll(async () => {
  gw = await startTestGateway();
  operator = await adminOperator(gw.url);
  node = await RawClient.open(gw.url);
  node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity, caps: ['system'], commands: ['system.which'], mutate: (p) => (p.permissions = { location: false }) }));
  expect((await node.next((f) => f.type === 'res')).ok).toBe(true);
  for (const p of (await operator.request('node.pair.list', {})).payload.pending) expect((await operator.request('node.pair.approve', { requestId: p.requestId })).ok).toBe(true);
  await node.next((f) => f.event === 'node.pair.resolved');
});

afterAll(async () => {
  node?.close();
  operator?.close();
  await gw?.stop();
});

describe('node.surface: a connected node re-announces its caps, commands and permissions', () => {
  it('refuses an oversized, malformed or deep surface and keeps the one it had', async () => {
    const hostile = [
      { caps: ['system'], commands: Array.from({ length: 1_025 }, (_, i) => `c${i}.get`) },
      { caps: ['system'], commands: ['x'.repeat(257)] },
      { caps: ['system'], commands: ['system.which'], permissions: Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`p${i}`, true])) },
      { caps: ['system'], commands: ['system.which'], permissions: { location: 'yes' } },
      { caps: ['system'], commands: ['system.which'], extra: 1 },
      { commands: ['system.which'] },
    ];
    for (const payload of hostile) expect((await surface(payload)).error.code).toBe('INVALID_REQUEST');
    const deep = `{"caps":${'['.repeat(6_000)}${']'.repeat(6_000)},"commands":[]}`;
    expect((await node.request('node.event', { event: 'node.surface', payloadJSON: deep })).error.details.code).toBe('PAYLOAD_TOO_DEEP');
    expect(await describeNode()).toMatchObject({ commands: ['system.which'], permissions: { location: false } });
  });

  it('shows a new permission map at once, and routes a newly announced command only after the operator approves it', async () => {
    const events = await openEvents(gw);
    const res = await accepted({ caps: ['system', 'location'], commands: ['system.which', 'location.get'], permissions: { location: true } });
    expect(res.payload).toMatchObject({ handled: true, reason: 'approval-requested' });
    const described = await describeNode();
    expect(described.permissions).toEqual({ location: true });
    expect(described.commands).toEqual(['system.which']);
    // The control page refreshes on this event; the request event follows it.
    expect((await events.next((e) => e.event === 'node.surface')).data).toMatchObject({ nodeId, permissions: { location: true }, commands: ['system.which', 'location.get'] });
    await events.next((e) => e.event === 'node.pair.requested');
    await events.close();
    expect((await invoke('location.get')).error).toMatchObject({ code: 'INVALID_REQUEST' });
    const pending = (await operator.request('node.pair.list', {})).payload.pending.find((p: { nodeId: string }) => p.nodeId === nodeId);
    expect(pending.commands).toEqual(['system.which', 'location.get']);
    expect((await operator.request('node.pair.approve', { requestId: pending.requestId })).ok).toBe(true);
    expect((await describeNode()).commands).toEqual(['location.get', 'system.which']);
    const call = invoke('location.get');
    const request = await poll(async () => node.frames.find((f) => f.event === 'node.invoke.request' && f.payload.command === 'location.get'), 'location.get reaching the node');
    await node.request('node.invoke.result', { id: request.payload.id, nodeId, ok: true, payloadJSON: '{"lat":1,"lon":2}' });
    expect((await call).payload).toMatchObject({ ok: true, payload: { lat: 1, lon: 2 } });
  });

  it('stops routing a command the node no longer announces', async () => {
    expect((await accepted({ caps: ['system'], commands: ['system.which'], permissions: { location: false } })).payload).toMatchObject({ reason: 'updated' });
    const described = await describeNode();
    expect(described.commands).toEqual(['system.which']);
    expect(described.caps).toEqual(['system']);
    expect((await invoke('location.get')).error).toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('takes at most one surface change a second from a node, telling it when to retry', async () => {
    await accepted({ caps: ['system'], commands: ['system.which'], permissions: { location: false } });
    const flip = await surface({ caps: ['system', 'location'], commands: ['system.which', 'location.get'], permissions: { location: true } });
    expect(flip.error).toMatchObject({ code: 'UNAVAILABLE', retryable: true, retryAfterMs: expect.any(Number) });
    expect(flip.error.retryAfterMs).toBeLessThanOrEqual(1_000);
    expect((await describeNode()).permissions).toEqual({ location: false });
  });
});
