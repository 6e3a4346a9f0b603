import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { poll } from '../support/poll.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';

/**
 * An operator hears of a pairing request only once the request is stored: one who approves it
 * the moment the event arrives (here, or on another cluster member reading it from Redis)
 * must find it. The gateway's writes are held open by the test, so the order is observed,
 * not timed: frames on one socket arrive in the order the gateway sent them.
 */
describe('device.pair.requested waits for the request to be stored', () => {
  let gw: Awaited<ReturnType<typeof startTestGateway>>;
  let watcher: RawClient;
  let held: Array<{ release: () => void; fail: (err: Error) => void }> = [];
  let realSave: () => Promise<void>;
  const logged: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];

  beforeAll(async () => {
    gw = await startTestGateway({ autoApproveLocal: false, log: (level, msg, fields) => logged.push({ level, msg, fields }) });
    const store = gw.gateway.ctx.store;
    realSave = store.save.bind(store);
    // Every write waits for the test to let it through (or fail it) before it is attempted.
    store.save = () =>
      new Promise<void>((resolve, reject) => {
        held.push({ release: () => realSave().then(resolve, reject), fail: reject });
      });
    watcher = await RawClient.open(gw.url);
    await watcher.challenge();
    watcher.send(operatorConnect(TEST_TOKEN, ['operator.read', 'operator.pairing', 'operator.admin']));
    expect((await watcher.next((f) => f.type === 'res')).ok).toBe(true);
  });
  afterAll(async () => {
    gw.gateway.ctx.store.save = realSave;
    for (const h of held) h.release();
    watcher.close();
    await gw.stop();
  });

  async function askToPair(identity = generateDeviceIdentity()) {
    const node = await RawClient.open(gw.url);
    node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity }));
    const res = await node.next((f) => f.type === 'res');
    node.close();
    expect(res.error.details.code).toBe('PAIRING_REQUIRED');
    return { identity, requestId: res.error.details.requestId as string };
  }
  const requestedEvents = (deviceId: string) => watcher.frames.filter((f) => f.event === 'device.pair.requested' && f.payload.deviceId === deviceId);

  it('is sent after the write, and the request it names can be approved at once', async () => {
    const { identity, requestId } = await askToPair();
    expect(held.length).toBe(1);
    // A round trip on the watcher's socket: any event sent before its answer has arrived.
    await watcher.request('health', {});
    expect(requestedEvents(identity.deviceId)).toEqual([]);
    held.shift()!.release();
    const requested = await watcher.next((f) => f.event === 'device.pair.requested' && f.payload.requestId === requestId);
    expect(requested.payload.deviceId).toBe(identity.deviceId);
    // system.which asks for operator.admin at approval as well as operator.pairing.
    const approving = watcher.request('node.pair.approve', { requestId });
    await poll(async () => (held.length ? true : undefined), 'the approval writing');
    held.shift()!.release();
    expect((await approving).ok).toBe(true);
  });

  it('is never sent for a request whose write failed; the next connect makes a new request, announced once stored', async () => {
    const { identity, requestId } = await askToPair();
    held.shift()!.fail(new Error('disk full'));
    await watcher.request('health', {});
    expect(requestedEvents(identity.deviceId)).toEqual([]);
    expect(logged.filter((l) => l.msg.includes(identity.deviceId))).toEqual([
      { level: 'warn', msg: `the pairing request of device ${identity.deviceId} (node) could not be stored, so no operator was told of it; the device's next connect asks again: disk full`, fields: { code: 'UNAVAILABLE' } },
    ]);
    // Not listed as pending either: it is neither on disk nor announced.
    expect((await watcher.request('device.pair.list', {})).payload.pending.map((p: any) => p.requestId)).not.toContain(requestId);
    const again = await askToPair(identity);
    expect(again.requestId).not.toBe(requestId);
    held.shift()!.release();
    const requested = await watcher.next((f) => f.event === 'device.pair.requested' && f.payload.deviceId === identity.deviceId);
    expect(requested.payload.requestId).toBe(again.requestId);
  });

  it('is never sent for a request rejected while its write was in flight', async () => {
    const { identity, requestId } = await askToPair();
    const rejecting = watcher.request('device.pair.reject', { requestId });
    await poll(async () => (held.length === 2 ? true : undefined), 'the rejection writing');
    held.shift()!.release();
    held.shift()!.release();
    expect((await rejecting).ok).toBe(true);
    await watcher.request('health', {});
    expect(watcher.frames.filter((f) => f.event === 'device.pair.resolved' && f.payload.requestId === requestId)).toHaveLength(1);
    expect(requestedEvents(identity.deviceId)).toEqual([]);
  });
});

describe('a silent approval on loopback is announced once stored', () => {
  it('sends device.pair.resolved after the write that pairs the device, before the node is told', async () => {
    const gw = await startTestGateway({ autoApproveLocal: true });
    const store = gw.gateway.ctx.store;
    const realSave = store.save.bind(store);
    const held: Array<() => void> = [];
    store.save = () => new Promise<void>((resolve, reject) => held.push(() => realSave().then(resolve, reject)));
    const watcher = await RawClient.open(gw.url);
    try {
      await watcher.challenge();
      watcher.send(operatorConnect(TEST_TOKEN, ['operator.read', 'operator.pairing']));
      expect((await watcher.next((f) => f.type === 'res')).ok).toBe(true);
      const identity = generateDeviceIdentity();
      const node = await RawClient.open(gw.url);
      node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity }));
      await poll(async () => (held.length ? true : undefined), 'the pairing write');
      await watcher.request('health', {});
      expect(watcher.frames.filter((f) => f.event === 'device.pair.resolved')).toEqual([]);
      held.shift()!();
      const resolved = await watcher.next((f) => f.event === 'device.pair.resolved' && f.payload.deviceId === identity.deviceId);
      expect(resolved.payload.decision).toBe('approved');
      expect((await node.next((f) => f.type === 'res')).ok).toBe(true);
      node.close();
    } finally {
      store.save = realSave;
      for (const release of held) release();
      watcher.close();
      await gw.stop();
    }
  });
});
