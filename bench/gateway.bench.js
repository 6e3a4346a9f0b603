/**
 * @module
 * The gateway as a router, with real processes on loopback: our gateway (`openclaw gateway
 * run`), our headless node host (`openclaw node run`) and an operator in this process.
 * Measures `system.which` invoke round trips (sequential p50/p99 and 32 in flight), gateway
 * RSS idle and with 1,000 simulated nodes doing the real signed handshake, the node host's
 * RSS, handshakes/s of new devices (signature and pairing write) and of returning ones (their
 * device token), each with the gateway's CPU per handshake, and the CLI's `nodes status
 * --json` wall time and peak RSS.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { peakRssKb, quantile, timeRuns } from './lib/measure.js';
import { BIN, bareNodeMemoryMb, cpuMs, freePort, memoryMb, operator, result, rssMb, startGateway, startNode, until } from './lib/processes.js';
import { connectAll, startSimulatedNodes } from './lib/simulated-nodes.js';

const TOKEN = 'bench-token';
const SEQUENTIAL = Number(process.env.BENCH_INVOKES ?? 5_000);
// The first few thousand invokes after start run while V8 still compiles the three processes'
// hot paths (on 2 busy cores they are several times slower at p99): timed and reported apart.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5_000);
const THROUGHPUT_MS = Number(process.env.BENCH_THROUGHPUT_MS ?? 3_000);
const SIM_NODES = Number(process.env.BENCH_NODES ?? 1_000);
const MEMORY_TRIALS = Number(process.env.BENCH_MEMORY_TRIALS ?? 3);

/** `openclaw nodes status --json` against `url`: wall times of 20 runs and the peak RSS. */
function cliStatus(url) {
  const args = [BIN, 'nodes', 'status', '--json', '--url', url, '--token', TOKEN];
  const options = { env: { ...process.env, HOME: root, OPENCLAW_STATE_DIR: join(root, 'cli') } };
  const [wall] = timeRuns([{ command: process.execPath, args }], { runs: 20, warmup: 2, ...options });
  return { wall, rss: peakRssKb(process.execPath, args, options) };
}

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-gw-'));
const children = [];
try {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  const gateway = await startGateway(root, port, TOKEN);
  children.push(gateway);
  await new Promise((r) => setTimeout(r, 500));
  const idleRss = rssMb(gateway.pid);

  const node = await startNode(root, port, TOKEN, 'bench-node');
  children.push(node);

  const op = await operator(url, TOKEN);
  const pending = await until(async () => (await op.request('node.pair.list', {})).pending[0]);
  await op.request('node.pair.approve', { requestId: pending.requestId });
  const nodeId = pending.nodeId;
  await new Promise((r) => setTimeout(r, 1_000));
  const nodeMemory = memoryMb(node.pid);
  const bare = await bareNodeMemoryMb();
  const invoke = () => op.request('node.invoke', { nodeId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: randomUUID() });

  const cold = [];
  for (let i = 0; i < WARMUP; i++) {
    const t0 = performance.now();
    await invoke();
    cold.push(performance.now() - t0);
  }
  const samples = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t0 = performance.now();
    await invoke();
    samples.push(performance.now() - t0);
  }
  const p50 = quantile(samples, 0.5);
  const p99 = quantile(samples, 0.99);
  result('gateway.invoke.p50', 'ms', p50, quantile(samples, 0.9), SEQUENTIAL, '<= 0.25', { p99, command: 'system.which', path: 'operator -> our gateway -> our node host -> back', after: `${WARMUP} warm-up invokes` });
  result('gateway.invoke.p99', 'ms', p99, p99, SEQUENTIAL, '<= 1.5', { note: 'sequential, same run as p50' });
  result('gateway.invoke.cold', 'ms', quantile(cold, 0.5), quantile(cold, 0.9), WARMUP, undefined, { p99: quantile(cold, 0.99), note: 'the warm-up invokes, the first after the node paired' });

  let done = 0;
  const end = performance.now() + THROUGHPUT_MS;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (performance.now() < end) {
        await invoke();
        done++;
      }
    }),
  );
  const perSecond = done / ((performance.now() - t0) / 1000);
  result('gateway.invoke.throughput', 'invokes/s', perSecond, perSecond, done, '>= 20000', { inFlight: 32 });
  result('gateway.rss.idle', 'MB', idleRss, idleRss, 1, '<= 60', { note: 'after start, no nodes' });
  result('node.rss.idle', 'MB', nodeMemory.rss, nodeMemory.rss, 1, '<= 40', { note: 'headless node host, paired and connected, before the invokes', anonMb: nodeMemory.anon, bareNodeMb: bare.rss });
  // A bare `node` is already about 40 MB here, most of it the binary's own pages: what the node
  // host adds above it, and the part that is its own rather than shared file pages.
  const above = Math.round((nodeMemory.rss - bare.rss) * 10) / 10;
  result('node.rss.above-bare-node', 'MB', above, above, 1, undefined, { nodeHostMb: nodeMemory.rss, bareNodeMb: bare.rss, note: "node host RSS minus a bare `node -e` waiting, measured the same way in the same run" });
  result('node.rss.anon', 'MB', nodeMemory.anon, nodeMemory.anon, 1, undefined, { bareNodeAnonMb: bare.anon, aboveBareNodeMb: Math.round((nodeMemory.anon - bare.anon) * 10) / 10, note: 'anonymous RSS (smaps_rollup): heap, stacks and allocator, no mapped file pages' });

  // Memory with 1,000 nodes, each trial on a fresh gateway so garbage from earlier runs does
  // not blur it; RSS on a busy 2-core machine moves by several MB, so the median of three.
  const deltas = [];
  const rates = [];
  const returning = [];
  const cpu = { fresh: [], returning: [] };
  // This process's CPU per handshake: the simulated nodes share the 2 cores with the gateway.
  const client = { fresh: [], returning: [] };
  const clientUs = (since) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / SIM_NODES;
  };
  let last;
  let status;
  for (let trial = 0; trial < MEMORY_TRIALS; trial++) {
    const port2 = await freePort();
    const fresh = await startGateway(root, port2, TOKEN, `gw-mem-${trial}`);
    children.push(fresh);
    await new Promise((r) => setTimeout(r, 1_000));
    const before = rssMb(fresh.pid);
    let cpu0 = cpuMs(fresh.pid);
    let client0 = process.cpuUsage();
    const sim = await startSimulatedNodes({ urls: [`ws://127.0.0.1:${port2}`], count: SIM_NODES, token: TOKEN, gatewayStateDirs: [join(root, `gw-mem-${trial}`)] });
    cpu.fresh.push(((cpuMs(fresh.pid) - cpu0) * 1000) / SIM_NODES);
    client.fresh.push(clientUs(client0));
    // Settled memory: the gateway reclaims heap slack once connections have been quiet for 2 s.
    await new Promise((r) => setTimeout(r, 3_500));
    const after = rssMb(fresh.pid);
    deltas.push(after - before);
    rates.push(SIM_NODES / (sim.elapsedMs / 1000));
    last = { before, after };
    // `nodes status` while all of them are connected, once.
    if (trial === MEMORY_TRIALS - 1) status = cliStatus(`ws://127.0.0.1:${port2}`);
    sim.stop();
    // The same devices again, each showing the device token it was issued: no pairing write.
    await until(async () => (sim.nodes.every((n) => !n.connected) ? true : undefined));
    const tokens = new Map(sim.nodes.map((n) => [n.identity, n.deviceToken]));
    cpu0 = cpuMs(fresh.pid);
    client0 = process.cpuUsage();
    const again = await connectAll(`ws://127.0.0.1:${port2}`, [...tokens.keys()], (identity) => ({ deviceToken: tokens.get(identity) }));
    cpu.returning.push(((cpuMs(fresh.pid) - cpu0) * 1000) / SIM_NODES);
    client.returning.push(clientUs(client0));
    const refused = again.answers.filter((a) => !a.res.ok);
    if (refused.length) throw new Error(`${refused.length} returning devices were refused: ${JSON.stringify(refused[0].res.error)}`);
    returning.push(SIM_NODES / (again.elapsedMs / 1000));
    for (const a of again.answers) a.ws.terminate();
    fresh.kill('SIGTERM');
  }
  result('gateway.rss.delta-1000-nodes', 'MB', quantile(deltas, 0.5), Math.max(...deltas), SIM_NODES, `<= ${(SIM_NODES * 20) / 1000}`, { trials: deltas.map((d) => Math.round(d * 10) / 10), lastBefore: last.before, lastAfter: last.after, nodes: SIM_NODES });
  result('gateway.handshakes', 'handshakes/s', quantile(rates, 0.5), Math.min(...rates), SIM_NODES, '>= 1000', { note: 'new devices: signed node connects with first-time silent pairing, 50 at a time; median of trials', gatewayCpuUsPerHandshake: Math.round(quantile(cpu.fresh, 0.5)), clientCpuUsPerHandshake: Math.round(quantile(client.fresh, 0.5)) });
  result('gateway.handshakes.returning', 'handshakes/s', quantile(returning, 0.5), Math.min(...returning), SIM_NODES, '>= 5000', { note: 'the same devices again with their device tokens, 50 at a time; median of trials', gatewayCpuUsPerHandshake: Math.round(quantile(cpu.returning, 0.5)), clientCpuUsPerHandshake: Math.round(quantile(client.returning, 0.5)) });

  result('cli.nodes-status.connected-nodes', 'ms', quantile(status.wall, 0.5), quantile(status.wall, 0.9), status.wall.length, '<= 100', { nodes: SIM_NODES, peakRssMb: status.rss.kb === null ? null : Math.round(status.rss.kb / 102.4) / 10, ...(status.rss.kb === null ? { rssSkipped: status.rss.reason } : {}) });
  op.close();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(root, { recursive: true, force: true });
}
