/**
 * @module
 * Failover of many nodes: three independent gateways (`openclaw gateway run`) on loopback,
 * 1,000 simulated signed nodes (`BENCH_FAILOVER_NODES`) all on the first with the three
 * addresses in their list, then the first is killed with SIGKILL. Reports the time from each
 * node's lost connection to its next hello-ok (p50, p99, max; target: all back within 10 s)
 * and how the nodes spread over the other two. Each gateway pairs a node silently on its first
 * loopback connect with the shared token and its local proof, so this measures reconnects plus
 * first pairings.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantile } from './lib/measure.js';
import { cleanUp, freePort, result, startGateway, until } from './lib/processes.js';
import { startSimulatedNodes } from './lib/simulated-nodes.js';

const TOKEN = 'bench-token';
const NODES = Number(process.env.BENCH_FAILOVER_NODES ?? 1_000);

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-failover-'));
const children = [];
let sim;
try {
  const ports = await Promise.all([freePort(), freePort(), freePort()]);
  for (const [i, port] of ports.entries()) children.push(await startGateway(root, port, TOKEN, `gw${i}`));
  const urls = ports.map((port) => `ws://127.0.0.1:${port}`);
  // Each node shows the local proof of the gateway it dials, as a node host on that machine would.
  const gatewayStateDirs = ['gw0', 'gw1', 'gw2'].map((name) => join(root, name));
  sim = await startSimulatedNodes({ urls, count: NODES, token: TOKEN, gatewayStateDirs });
  const since = performance.now();
  children[0].kill('SIGKILL');
  await until(async () => (sim.connectedTo(urls[1]) + sim.connectedTo(urls[2]) === NODES ? true : undefined), 120_000);
  const times = sim.reconnects(since).map((r) => r.reconnectMs);
  const max = Math.max(...times);
  result('failover.reconnect.max', 'ms', max, max, times.length, '<= 10000', { nodes: NODES, note: 'kill -9 of the gateway every node was on; time from the lost connection to the next hello-ok' });
  result('failover.reconnect.p50', 'ms', quantile(times, 0.5), quantile(times, 0.9), times.length, undefined, { p99: quantile(times, 0.99), onSecond: sim.connectedTo(urls[1]), onThird: sim.connectedTo(urls[2]) });
} finally {
  sim?.stop();
  await cleanUp(children, root);
}
