/**
 * @module
 * Failover inside a cluster: three members (`openclaw gateway run` with `gateway.cluster`) on
 * one `redis-server`, 1,000 simulated signed nodes (`BENCH_FAILOVER_NODES`) all on the first,
 * paired once with the shared token and from then on presenting the device token the cluster
 * issued; the first member is killed with SIGKILL. Reports the time from each node's lost
 * connection to its next hello-ok (target: all back within 10 s), how the nodes spread over
 * the two survivors, ghost or duplicate entries in `node.list` on each survivor (target 0),
 * refused reconnects (a lost pairing; target 0) and invokes from both survivors. Needs
 * `redis-server`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterFailover, approveAll } from './lib/cluster-failover.js';
import { quantile } from './lib/measure.js';
import { cleanUp, freePort, operator, result, startGateway } from './lib/processes.js';
import { startRedis } from './lib/redis-server.js';
import { startSimulatedNodes } from './lib/simulated-nodes.js';

const TOKEN = 'bench-token';
const NODES = Number(process.env.BENCH_FAILOVER_NODES ?? 1_000);

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-cluster-failover-'));
const children = [];
let sim;
try {
  const redis = await startRedis(join(root, 'redis'));
  children.push(redis.child);
  const urls = [];
  for (const name of ['m0', 'm1', 'm2']) {
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, 'openclaw.json'), JSON.stringify({ gateway: { nodes: { pairing: { autoApproveLocal: true } }, cluster: { name: 'failover', redis: { url: redis.url } } } }));
    const port = await freePort();
    children.push(await startGateway(root, port, TOKEN, name));
    urls.push(`ws://127.0.0.1:${port}`);
  }
  // On the members' machine, showing their local proofs: paired silently, as local node hosts are.
  const gatewayStateDirs = ['m0', 'm1', 'm2'].map((name) => join(root, name));
  sim = await startSimulatedNodes({ urls, count: NODES, token: TOKEN, deviceTokens: true, gatewayStateDirs });
  const ops = [await operator(urls[1], TOKEN), await operator(urls[2], TOKEN)];
  await approveAll(ops[0]);
  // Connected long enough to count as lasting (the node host's 10 s), as on a member that ran a
  // while: their rotation then spreads them over the survivors instead of all taking the next.
  await new Promise((resolve) => setTimeout(resolve, 10_500));
  const since = performance.now();
  children[1].kill('SIGKILL');
  const after = await afterFailover(sim, urls.slice(1), ops, since, { timeoutMs: 120_000 });
  const t = after.reconnectMs;
  const ghosts = after.lists.reduce((n, l) => n + (l.listed - l.distinct) + (l.listed - NODES), 0);
  result('cluster.failover.reconnect.max', 'ms', t.at(-1), t.at(-1), t.length, '<= 10000', { nodes: NODES, p50: quantile(t, 0.5), p99: quantile(t, 0.99), onSecond: after.onEach[0], onThird: after.onEach[1], note: 'kill -9 of the member every node was on; loss to next hello-ok' });
  result('cluster.failover.ghosts', 'nodes', ghosts, ghosts, after.lists.length, '<= 0', { lists: after.lists });
  result('cluster.failover.pairings-lost', 'nodes', after.refusals + after.pending, after.refusals + after.pending, NODES, '<= 0', { refusedReconnects: after.refusals, pendingRequests: after.pending });
  result('cluster.failover.invoke-failures', 'invokes', after.invokeFailures, after.invokeFailures, after.invokes, '<= 0', { note: 'system.which on sampled nodes from each survivor' });
  for (const op of ops) op.close();
} finally {
  sim?.stop();
  await cleanUp(children, root);
}
