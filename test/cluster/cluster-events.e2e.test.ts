import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { openEvents } from '../http/http-kit.js';
import { startClusterMembers, stopAll, type ClusterMemberGateway } from '../support/cluster-members.js';
import { answeringNode, clusterOperator } from '../support/cluster-node.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { RawClient, operatorConnect } from '../support/raw-client.js';
import { RedisServer } from '../support/redis-server.js';

describe('gateway cluster on Redis: events reach operators on every member', () => {
  let redis: RedisServer;
  let members: ClusterMemberGateway[];

  beforeAll(async () => {
    redis = await RedisServer.start();
    members = await startClusterMembers(3, redis.url, 'ev', { autoApproveLocal: false });
    for (const m of members) await poll(async () => (m.gateway.ctx.cluster!.status().peers.length === 2 ? true : undefined), 'two peers');
  });
  afterAll(async () => {
    await stopAll(members);
    await redis.stop();
  });

  it('a pairing request on C reaches operators with operator.pairing on B, and the node connecting on C reaches the event stream on A', async () => {
    const [a, b, c] = members;
    const pairing = await clusterOperator(b.url);
    const reader = await RawClient.open(b.url);
    await reader.challenge();
    reader.send(operatorConnect(TEST_TOKEN, ['operator.read']));
    expect((await reader.next((f) => f.type === 'res')).ok).toBe(true);
    const stream = await openEvents(a);

    const identity = generateDeviceIdentity();
    const asked = await answeringNode(c.url, identity);
    const requestId = asked.hello.error.details.requestId;
    asked.node.close();
    const requested = await pairing.next((f) => f.event === 'device.pair.requested' && f.payload.requestId === requestId);
    expect(requested.payload.deviceId).toBe(identity.deviceId);
    // Approved from B: the resolution reaches A's stream, the node connects on C.
    expect((await pairing.request('node.pair.approve', { requestId })).ok).toBe(true);
    await stream.next((e) => e.event === 'node.pair.resolved' || e.event === 'device.pair.resolved');
    const { node } = await answeringNode(c.url, identity);
    const connected = await stream.next((e) => e.event === 'node.connected' && e.data.nodeId === identity.deviceId);
    expect(connected.data.displayName).toBe('Test Node');

    // Scope checks hold on the receiving member: the read-only operator on B saw no pairing event.
    await reader.request('health', {});
    expect(reader.frames.filter((f) => typeof f.event === 'string' && f.event.includes('.pair.'))).toEqual([]);
    for (const client of [node, pairing, reader]) client.close();
    stream.close();
  });

  it('an exec approval waiting on A is listed and answered from B; a second answer finds nothing', async () => {
    const [a, b] = members;
    const approver = await RawClient.open(b.url);
    await approver.challenge();
    approver.send(operatorConnect(TEST_TOKEN, ['operator.read', 'operator.approvals']));
    expect((await approver.next((f) => f.type === 'res')).ok).toBe(true);
    const request = { command: 'make deploy', resolvedPath: '/usr/bin/make', cwd: '/srv', host: 'node' as const, nodeId: 'n1', nodeName: 'Build Node', agentId: 'main', sessionKey: null, security: 'allowlist', ask: 'always', planHash: 'h'.repeat(64), programs: ['/usr/bin/make'] };
    const { view, decision } = a.gateway.ctx.approvals.open(request, 60_000);
    const listed = await poll(async () => (await approver.request('exec.approval.list', {})).payload.pending.find((p: any) => p.id === view.id), 'the request listed on B');
    expect(listed.request.command).toBe('make deploy');
    const answered = await approver.request('exec.approval.resolve', { id: view.id, decision: 'allow-once' });
    expect(answered.ok).toBe(true);
    await expect(decision).resolves.toBe('allow-once');
    const again = await approver.request('exec.approval.resolve', { id: view.id, decision: 'deny' });
    expect(again.ok).toBe(false);
    expect(again.error.code).toBe('APPROVAL_NOT_FOUND');
    approver.close();
  });
});
