import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { cliMachine, type CliMachine } from '../support/cli-machine.js';
import { startClusterMembers, stopAll, type ClusterMemberGateway } from '../support/cluster-members.js';
import { answeringNode, clusterOperator, pairThroughCluster } from '../support/cluster-node.js';
import { freePort } from '../support/free-port.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { BIN } from '../support/paths.js';
import { startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { RedisServer } from '../support/redis-server.js';

describe('gateway cluster on Redis: a member killed with kill -9', () => {
  let redis: RedisServer;
  let members: ClusterMemberGateway[];
  let machine: CliMachine;
  let victim: ReturnType<typeof startProcess>;
  let victimUrl: string;

  beforeAll(async () => {
    redis = await RedisServer.start();
    members = await startClusterMembers(2, redis.url, 'kill', { autoApproveLocal: false });
    const port = await freePort();
    machine = cliMachine('oc-cluster-kill-', { gateway: { port, auth: { token: TEST_TOKEN }, nodes: { pairing: { autoApproveLocal: false } }, cluster: { name: 'kill', redis: { url: redis.url } } } });
    victim = startProcess(process.execPath, [BIN, 'gateway', 'run'], machine.env, /listening on/);
    await victim.started;
    victimUrl = `ws://127.0.0.1:${port}`;
    for (const m of members) await poll(async () => (m.gateway.ctx.cluster!.status().peers.length === 2 ? true : undefined), 'two peers');
  });
  afterAll(async () => {
    await victim.stop();
    await stopAll(members);
    await redis.stop();
    machine.cleanup();
  });

  it('calls waiting on its nodes end DISCONNECTED within a second, its pairings survive, and no ghost is left', async () => {
    const [a, b] = members;
    const op = await clusterOperator(a.url);
    const identity = generateDeviceIdentity();
    // Approved on A while the node asks on the victim: acknowledged, so it must outlive the victim.
    const { node: first, deviceToken } = await pairThroughCluster(op, victimUrl, identity);
    first.close();
    const { node } = await answeringNode(victimUrl, identity, { deviceToken, silent: true });
    await poll(async () => (a.gateway.ctx.registry.route(identity.deviceId)?.conn.open ? true : undefined), 'node on the victim routable from A');

    const call = op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: 'kill', timeoutMs: 60_000 }, );
    await node.next((f) => f.event === 'node.invoke.request');
    victim.child.kill('SIGKILL');
    const killedAt = Date.now();
    const answer = await call;
    // The deadline is 1 s after the member is gone; 10 s is a bound no loaded machine reaches.
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    expect(answer.ok).toBe(false);
    expect(answer.error.details.code).toBe('DISCONNECTED');
    expect(a.gateway.ctx.invoker.size).toBe(0);
    await poll(async () => (a.gateway.ctx.cluster!.status().peers.length === 1 ? true : undefined), 'A seeing the victim gone');
    // The survivors remove what the victim left in Redis: no ghost location for a later reader.
    await poll(async () => ((await redis.cli('EXISTS', `kill:node:${identity.deviceId}`)) === '(integer) 0' ? true : undefined), 'the location removed');

    // The node fails over to B with the token the victim's cluster issued: nothing was lost.
    await node.closed;
    const onB = await answeringNode(b.url, identity, { deviceToken });
    expect(onB.hello.ok).toBe(true);
    const entries = await poll(async () => {
      const list = await op.request('node.list', {});
      const mine = list.payload.nodes.filter((n: any) => n.nodeId === identity.deviceId);
      return mine.length === 1 && mine[0].clusterMember === b.gateway.ctx.bootId ? mine : undefined;
    }, 'the node listed once, on B');
    expect(entries[0].connected).toBe(true);
    const again = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: 'after' });
    expect(again.ok).toBe(true);
    onB.node.close();
    op.close();
  });
});
