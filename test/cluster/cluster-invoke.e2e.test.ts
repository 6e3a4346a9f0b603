import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { startClusterMembers, stopAll, type ClusterMemberGateway } from '../support/cluster-members.js';
import { answeringNode, clusterOperator, pairThroughCluster } from '../support/cluster-node.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { RedisServer } from '../support/redis-server.js';
import { tokenApi } from '../support/token-api.js';

const which = (nodeId: string, extra: Record<string, unknown> = {}) => ({ nodeId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: `k-${Math.random()}`, ...extra });

describe('gateway cluster on Redis: invokes between members', () => {
  let redis: RedisServer;
  let members: ClusterMemberGateway[];
  let a: ClusterMemberGateway, b: ClusterMemberGateway, c: ClusterMemberGateway;

  beforeAll(async () => {
    redis = await RedisServer.start();
    members = await startClusterMembers(3, redis.url, 'inv', { autoApproveLocal: false });
    [a, b, c] = members;
    for (const m of members) await poll(async () => (m.gateway.ctx.cluster!.status().peers.length === 2 ? true : undefined), 'two peers');
  });
  afterAll(async () => {
    await stopAll(members);
    await redis.stop();
  });

  /** An operator on A and a node paired through the cluster, connected to C, that never answers. */
  async function silentNodeOnC() {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    (await pairThroughCluster(op, c.url, identity)).node.close();
    const { node } = await answeringNode(c.url, identity, { silent: true });
    await poll(async () => (a.gateway.ctx.registry.route(identity.deviceId)?.conn.open ? true : undefined), 'node routable from A');
    return { op, identity, node };
  }

  it('an operator on A invokes a node on C over WebSocket and HTTP, and every member lists it with the member it is on', async () => {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    const { node } = await pairThroughCluster(op, c.url, identity);
    const listed = await poll(async () => {
      const list = await op.request('node.list', {});
      return list.payload.nodes.find((n: any) => n.nodeId === identity.deviceId && n.connected);
    }, 'node on C listed on A');
    expect(listed).toMatchObject({ clusterMember: c.gateway.ctx.bootId, approvalState: 'approved', commands: ['system.which'] });

    const answer = await op.request('node.invoke', which(identity.deviceId));
    expect(answer.ok).toBe(true);
    expect(answer.payload.payload).toEqual({ bins: { sh: '/usr/bin/sh' } });
    const http = await tokenApi(b.gateway.port, TEST_TOKEN, `/v1/nodes/${identity.deviceId}/invoke`, { command: 'system.which', params: { bins: ['sh'] } });
    expect(http.status).toBe(200);
    expect(node.frames.filter((f) => f.event === 'node.invoke.request')).toHaveLength(2);
    expect(a.gateway.ctx.invoker.size).toBe(0);
    node.close();
    op.close();
  });

  it('a call the node on C never answers ends TIMEOUT on A, and the node gets the cancel', async () => {
    const { op, identity, node } = await silentNodeOnC();
    const answer = await op.request('node.invoke', which(identity.deviceId, { timeoutMs: 500 }));
    expect(answer.ok).toBe(false);
    expect(answer.error.details.code ?? answer.error.code).toBe('TIMEOUT');
    const request = await node.next((f) => f.event === 'node.invoke.request');
    const cancel = await node.next((f) => f.event === 'node.invoke.cancel');
    expect(cancel.payload.invokeId).toBe(request.payload.id);
    expect(a.gateway.ctx.invoker.size).toBe(0);
    node.close();
    op.close();
  });

  it('a node on C that drops mid-call ends the call on A with DISCONNECTED at once', async () => {
    const { op, identity, node } = await silentNodeOnC();
    const pending = op.request('node.invoke', which(identity.deviceId, { timeoutMs: 60_000 }));
    await node.next((f) => f.event === 'node.invoke.request');
    node.close();
    const answer = await pending;
    expect(answer.ok).toBe(false);
    expect(answer.error.details.code ?? answer.error.code).toBe('DISCONNECTED');
    expect(a.gateway.ctx.invoker.size).toBe(0);
    op.close();
  });

  it('with Redis stopped a call to a node on another member fails fast with CLUSTER_UNAVAILABLE', async () => {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    const { node } = await pairThroughCluster(op, b.url, identity);
    await poll(async () => (a.gateway.ctx.registry.route(identity.deviceId)?.conn.open ? true : undefined), 'node routable from A');
    await redis.pause();
    try {
      await poll(async () => (a.gateway.ctx.cluster!.status().redis === 'down' ? true : undefined), 'A noticing Redis is down');
      const answer = await op.request('node.invoke', which(identity.deviceId, { timeoutMs: 60_000 }));
      expect(answer.ok).toBe(false);
      expect(answer.error.details.code).toBe('CLUSTER_UNAVAILABLE');
    } finally {
      await redis.resume();
    }
    await poll(async () => (a.gateway.ctx.cluster!.status().redis === 'up' ? true : undefined), 'A resynced');
    await poll(async () => ((await op.request('node.invoke', which(identity.deviceId))).ok ? true : undefined), 'cross-member invoke after Redis returned');
    node.close();
    op.close();
  });

  it('a member whose heartbeat lapsed announces its nodes again, so the others route to them again', async () => {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    const { node } = await pairThroughCluster(op, c.url, identity);
    await poll(async () => (a.gateway.ctx.registry.route(identity.deviceId) ? true : undefined), 'node routable from A');
    // What the others do to a member they took for dead: its heartbeat key and its nodes' locations gone.
    await redis.cli('DEL', `inv:member:${c.gateway.ctx.bootId}`, `inv:node:${identity.deviceId}`);
    await poll(async () => ((await redis.cli('EXISTS', `inv:node:${identity.deviceId}`)) === '(integer) 1' ? true : undefined), 'the location announced again');
    await poll(async () => ((await op.request('node.invoke', which(identity.deviceId))).ok ? true : undefined), 'A calling the node again');
    node.close();
    op.close();
  });

  it('a node on C that announces a new surface shows it on A at once', async () => {
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    const { node } = await pairThroughCluster(op, c.url, identity);
    const changed = await node.request('node.event', { event: 'node.surface', payloadJSON: JSON.stringify({ caps: ['system'], commands: ['system.which'], permissions: { camera: true } }) });
    expect(changed.ok).toBe(true);
    await poll(async () => ((await op.request('node.describe', { nodeId: identity.deviceId })).payload.permissions?.camera === true ? true : undefined), 'the new permissions on A');
    node.close();
    op.close();
  });

  it('a member joining removes node locations that members no longer alive left in Redis', async () => {
    const ghost = { member: 'gone-member', nodeId: 'ghost', claim: { platform: 'linux', version: '1', clientId: 'node-host', clientMode: 'node', caps: [], commands: [] }, connectedAtMs: 1, remoteIp: '127.0.0.1' };
    await redis.cli('SET', 'inv:node:ghost', JSON.stringify(ghost));
    await redis.cli('SADD', 'inv:nodes', 'ghost');
    const [late] = await startClusterMembers(1, redis.url, 'inv');
    try {
      await poll(async () => ((await redis.cli('EXISTS', 'inv:node:ghost')) === '(integer) 0' ? true : undefined), 'the ghost location removed');
      expect(late.gateway.ctx.registry.route('ghost')).toBeUndefined();
    } finally {
      await late.stop();
    }
  });
});
