import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, pairingCode } from '@openclaw-nodes/core/identity';
import { startClusterMembers, stopAll, type ClusterMemberGateway } from '../support/cluster-members.js';
import { answeringNode, clusterOperator, pairThroughCluster } from '../support/cluster-node.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { RedisServer } from '../support/redis-server.js';

const portOf = (m: ClusterMemberGateway) => m.gateway.port;
const health = async (m: ClusterMemberGateway) => (await fetch(`http://127.0.0.1:${portOf(m)}/health`)).json() as Promise<any>;

describe('gateway cluster on Redis: membership and shared pairing', () => {
  let redis: RedisServer;
  let members: ClusterMemberGateway[];
  let a: ClusterMemberGateway, b: ClusterMemberGateway, c: ClusterMemberGateway;

  beforeAll(async () => {
    redis = await RedisServer.start();
    members = await startClusterMembers(3, redis.url, 'test', { autoApproveLocal: false });
    [a, b, c] = members;
  });
  afterAll(async () => {
    await stopAll(members);
    await redis.stop();
  });

  it('every member sees the other two, in /health and /metrics', async () => {
    for (const m of members) await poll(async () => ((await health(m)).cluster?.peers === 2 ? true : undefined), 'two peers');
    expect((await health(a)).cluster).toMatchObject({ name: 'test', member: a.gateway.ctx.bootId, peers: 2, redis: 'up' });
    const metrics = await fetch(`http://127.0.0.1:${portOf(b)}/metrics`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } }).then((r) => r.text());
    expect(metrics).toContain('openclaw_cluster_peers 2');
    expect(metrics).toContain('openclaw_cluster_redis_up 1');
    expect(metrics).toContain(`member="${b.gateway.ctx.bootId}"`);
  });

  it('a node asking on C is approved on A, then connects to C and to B with its token, which Redis holds only hashed', async () => {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    const { node, deviceToken } = await pairThroughCluster(op, c.url, identity);
    node.close();
    await node.closed;

    const stored = await redis.cli('GET', `test:device:${identity.deviceId}`);
    expect(stored).not.toContain(deviceToken);
    expect(stored).toContain(createHash('sha256').update(deviceToken).digest('base64url'));

    const onB = await answeringNode(b.url, identity, { deviceToken });
    expect(onB.hello.ok).toBe(true);
    expect(onB.hello.payload.auth.deviceToken).toBe(deviceToken);
    const opB = await clusterOperator(b.url);
    const invoked = await opB.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: 'k1' });
    expect(invoked.ok).toBe(true);
    // A wrong token is still refused where only the hash is kept.
    const forged = await answeringNode(a.url, identity, { deviceToken: `${deviceToken.slice(0, -2)}xx` });
    expect(forged.hello.ok).toBe(false);
    for (const client of [onB.node, opB, op, forged.node]) client.close();
  });

  it('a node asking on C is approved on A with the verification code it printed, and a wrong code is refused', async () => {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    const asked = await answeringNode(c.url, identity);
    asked.node.close();
    const { requestId, gatewayPublicKey } = asked.hello.error.details;
    // Members share one identity: the code is the same whichever member the node asked.
    expect(gatewayPublicKey).toBe(c.gateway.ctx.publicKey);
    expect(a.gateway.ctx.publicKey).toBe(c.gateway.ctx.publicKey);
    // What the node host prints: derived from the cluster's key.
    const printed = pairingCode(gatewayPublicKey, identity.publicKey)!;
    const listed = await poll(async () => (await op.request('node.pair.list', {})).payload.pending.find((p: any) => p.requestId === requestId), 'request on A');
    expect(listed.verificationCode).toBe(printed);
    const wrong = await op.request('node.pair.approve', { requestId, code: pairingCode(generateDeviceIdentity().publicKey, identity.publicKey) });
    expect(wrong.ok).toBe(false);
    expect(wrong.error.details.code).toBe('PAIRING_CODE_MISMATCH');
    expect((await op.request('node.pair.approve', { requestId, code: printed })).ok).toBe(true);
    op.close();
  });

  it('removing a device on A ends its live session on C within a second', async () => {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    const { node } = await pairThroughCluster(op, c.url, identity);
    const removed = await op.request('device.pair.remove', { deviceId: identity.deviceId });
    expect(removed.ok).toBe(true);
    // The deadline is 1 s; 10 s is a bound no loaded machine reaches.
    await Promise.race([node.closed, new Promise((_, reject) => setTimeout(() => reject(new Error('session on C still open after 10 s')), 10_000))]);
    expect(node.closeCode).toBe(1008);
    const again = await answeringNode(c.url, identity);
    expect(again.hello.ok).toBe(false);
    expect(again.hello.error.details.code).toBe('PAIRING_REQUIRED');
    again.node.close();
    op.close();
  });

  it('with Redis stopped a member serves its own nodes, refuses pairing writes with CLUSTER_UNAVAILABLE, and recovers when Redis is back', async () => {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    const { node } = await pairThroughCluster(op, a.url, identity);
    await redis.pause();
    try {
      await poll(async () => ((await health(a)).cluster.redis === 'down' ? true : undefined), 'A noticing Redis is down');
      const invoked = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: 'k2' });
      expect(invoked.ok).toBe(true);
      const renamed = await op.request('node.rename', { nodeId: identity.deviceId, displayName: 'never stored' });
      expect(renamed.ok).toBe(false);
      expect(renamed.error.details.code).toBe('CLUSTER_UNAVAILABLE');
      const removal = await fetch(`http://127.0.0.1:${portOf(a)}/v1/devices/${identity.deviceId}`, { method: 'DELETE', headers: { authorization: `Bearer ${TEST_TOKEN}` } });
      expect(removal.status).toBe(503);
      expect(((await removal.json()) as any).error.code).toBe('CLUSTER_UNAVAILABLE');
      // The removal that failed is not half-applied: the node still works here.
      const still = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: 'k3' });
      expect(still.ok).toBe(true);
    } finally {
      await redis.resume();
    }
    for (const m of members) await poll(async () => ((await health(m)).cluster.redis === 'up' ? true : undefined), 'members resynced');
    const opB = await clusterOperator(b.url);
    const listed = await opB.request('node.list', {});
    const seen = listed.payload.nodes.find((n: any) => n.nodeId === identity.deviceId);
    expect(seen.displayName).not.toBe('never stored');
    const renamed = await op.request('node.rename', { nodeId: identity.deviceId, displayName: 'after the outage' });
    expect(renamed.ok).toBe(true);
    await poll(async () => {
      const list = await opB.request('node.list', {});
      return list.payload.nodes.find((n: any) => n.nodeId === identity.deviceId)?.displayName === 'after the outage' ? true : undefined;
    }, 'rename reaching B');
    for (const client of [node, op, opB]) client.close();
  });

  it('a pairing write that times out on a hung Redis fails with CLUSTER_UNAVAILABLE, and the member recovers by itself', async () => {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    const { node } = await pairThroughCluster(op, a.url, identity);
    // Redis keeps the connection open but answers no write for 4 s: only the command timeout can tell.
    await redis.cli('CLIENT', 'PAUSE', '4000', 'WRITE');
    const renamed = await op.request('node.rename', { nodeId: identity.deviceId, displayName: 'while hung' }, );
    expect(renamed.ok).toBe(false);
    expect(renamed.error.details.code).toBe('CLUSTER_UNAVAILABLE');
    await poll(async () => ((await op.request('node.rename', { nodeId: identity.deviceId, displayName: 'after the pause' })).ok ? true : undefined), 'a pairing write succeeding after the pause');
    node.close();
    op.close();
  });

  it('junk on the cluster channels (deep, oversized, wrong shapes) is dropped and the members carry on', async () => {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    const { node } = await pairThroughCluster(op, c.url, identity);
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const junk = [deep, '{"origin":"x","devices":"all","pending":[]}', '{"origin":"x","devices":[' + '"a",'.repeat(20_000) + '"a"],"pending":[]}', 'not json', `{"origin":"x","kind":"broadcast","event":"device.pair.requested","payload":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, '{"t":"res","nodeId":"n","params":null}', '{"t":"gone","nodeId":"n","ids":"all"}'];
    for (const channel of ['test:pairing', 'test:events', 'test:nodes-changed', `test:rpc:${a.gateway.ctx.bootId}`]) {
      for (const message of junk) await redis.cli('PUBLISH', channel, message);
    }
    const invoked = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: 'after-junk' });
    expect(invoked.ok).toBe(true);
    for (const m of members) expect((await health(m)).cluster.redis).toBe('up');
    node.close();
    op.close();
  });
});
