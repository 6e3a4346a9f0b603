import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { afterFailover, approveAll } from '../../bench/lib/cluster-failover.js';
import { freePort, operator, startGateway } from '../../bench/lib/processes.js';
import { startSimulatedNodes, type SimulatedNodes } from '../../bench/lib/simulated-nodes.js';
import { RedisServer } from '../support/redis-server.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = 'cluster-failover-token';
const NODES = 200;

describe('gateway cluster on Redis: a member with many nodes killed with kill -9', () => {
  const cleanups: Array<() => unknown> = [];
  afterAll(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  // The time it takes is a figure of bench/cluster-failover.bench.js (10 s); here every node must come back.
  it('brings every node back on the other members, spread over them, paired, listed once on each, invocable from each', async () => {
    const redis = await RedisServer.start();
    cleanups.push(() => redis.stop());
    const dir = tempDir('oc-cluster-failover-');
    cleanups.push(dir.cleanup);
    const members: Array<{ url: string; stateDir: string; child: import('node:child_process').ChildProcess }> = [];
    for (const name of ['m0', 'm1', 'm2']) {
      const stateDir = join(dir.path, name);
      mkdirSync(stateDir, { recursive: true });
      writeFileSync(join(stateDir, 'openclaw.json'), JSON.stringify({ gateway: { nodes: { pairing: { autoApproveLocal: true } }, cluster: { name: 'failover', redis: { url: redis.url } } } }));
      const port = await freePort();
      const child = await startGateway(dir.path, port, TOKEN, name);
      cleanups.push(() => child.kill('SIGKILL'));
      members.push({ url: `ws://127.0.0.1:${port}`, stateDir, child });
    }
    const health = async (url: string) => ((await (await fetch(url.replace('ws:', 'http:') + '/health')).json()) as { cluster: { member: string } }).cluster.member;
    const victimId = await health(members[0]!.url);
    const survivorIds = [await health(members[1]!.url), await health(members[2]!.url)];
    // Paired once with the shared token (silently: on the members' machine, with their local
    // proofs), then each presents only the device token the cluster issued it.
    const sim: SimulatedNodes = await startSimulatedNodes({ urls: members.map((m) => m.url), count: NODES, token: TOKEN, deviceTokens: true, gatewayStateDirs: members.map((m) => m.stateDir) });
    cleanups.push(sim.stop);
    const ops = [await operator(members[1]!.url, TOKEN), await operator(members[2]!.url, TOKEN)];
    cleanups.push(() => ops.forEach((op: { close(): void }) => op.close()));
    await approveAll(ops[0]);
    expect(sim.connectedTo(members[0]!.url)).toBe(NODES);

    // Connected long enough to count as lasting (the node host's 10 s), as on a member that ran a
    // while: their rotation then spreads them over the survivors instead of all taking the next.
    // A wait the scenario needs, not a bound: a slower machine only waits the same or longer.
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    const since = performance.now();
    members[0]!.child.kill('SIGKILL');
    const after = await afterFailover(sim, [members[1]!.url, members[2]!.url], ops, since, { timeoutMs: 60_000 });
    expect(after.reconnectMs).toHaveLength(NODES);
    expect(after.onEach.reduce((a, b) => a + b, 0)).toBe(NODES);
    // Spread over both survivors, not all on the next address.
    expect(Math.min(...after.onEach)).toBeGreaterThan(NODES / 5);
    // No pairing lost: no reconnect refused, no request waiting for an operator.
    expect(after.refusals).toBe(0);
    expect(after.pending).toBe(0);
    // Each survivor lists every node once, connected, on a survivor; none left on the dead member.
    for (const list of after.lists) {
      expect(list).toMatchObject({ listed: NODES, distinct: NODES, connected: NODES });
      expect(list.members.every((m) => survivorIds.includes(m))).toBe(true);
      expect(list.members).not.toContain(victimId);
    }
    expect(after.invokeFailures).toBe(0);
  }, 180_000);
});
