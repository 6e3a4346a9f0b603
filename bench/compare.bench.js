/**
 * @module
 * Our gateway and node host beside the real OpenClaw 2026.9.6 gateway and node host, in the
 * same run and through the same minimal operator client (lib/raw-operator.js): `system.which`
 * invoke p50/p99 (sequential) and invokes/s with 32 in flight, each with the ratio. Both pairs
 * run at once and are measured in turns (ours, real, ours, real, ...) so load from elsewhere on
 * the machine slows both alike; each figure is the median over the rounds.
 * The client's own floor is measured against a do-nothing server (lib/echo-gateway.js), with
 * its CPU per invoke; our gateway is also measured through the core client gateway.bench.js
 * uses, and the first (cold) invokes after pairing are reported apart from the warm ones, so
 * the two benches' figures can be told apart.
 * Runs only when asked: `npm run bench -- --compare` (installs the real OpenClaw into the
 * interop cache when missing). BENCH_COMPARE_INVOKES (2000 per round), BENCH_COMPARE_MS (3000
 * per round), BENCH_COMPARE_ROUNDS (3) and BENCH_COMPARE_WARMUP (4500 untimed invokes per
 * gateway after the cold ones) size it.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sequentialRoundTrips, throughput } from './lib/invoke-load.js';
import { quantile } from './lib/measure.js';
import { cleanUp, freePort, operator, result, startGateway, startNode, until } from './lib/processes.js';
import { connectRawOperator } from './lib/raw-operator.js';
import { installRealOpenclaw, startRealGateway, startRealNode } from './lib/real-openclaw.js';

const TOKEN = 'bench-compare-token';
const COUNT = Number(process.env.BENCH_COMPARE_INVOKES ?? 2_000);
const DURATION_MS = Number(process.env.BENCH_COMPARE_MS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_COMPARE_ROUNDS ?? 3);
const WARMUP = 500;
// Untimed invokes after the cold ones, for both gateways alike: the first few thousand run
// while V8 still compiles the hot paths (gateway.bench.js warms up with 5,000 too).
const WARM = Number(process.env.BENCH_COMPARE_WARMUP ?? 4_500);
const WHICH = { bins: ['sh'] };

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-compare-'));
const children = [];
try {
  const echo = await measureEcho();
  const cache = installRealOpenclaw();
  const oursPort = await freePort();
  children.push(await startGateway(root, oursPort, TOKEN));
  children.push(await startNode(root, oursPort, TOKEN, 'compare-node'));
  const realPort = await freePort();
  children.push(await startRealGateway(cache, root, realPort, TOKEN));
  children.push(await startRealNode(cache, root, realPort, TOKEN, 'compare-node'));
  const ours = await pairedTarget(oursPort);
  const real = await pairedTarget(realPort);
  const peer = await operator(`ws://127.0.0.1:${oursPort}`, TOKEN);
  const core = () => peer.request('node.invoke', { nodeId: ours.nodeId, command: 'system.which', params: WHICH, idempotencyKey: randomUUID() });
  const rounds = { ours: [], real: [], core: [] };
  for (let round = 0; round < ROUNDS; round++) {
    process.stderr.write(`compare: round ${round + 1}/${ROUNDS}\n`);
    rounds.ours.push(await measure(ours.call));
    rounds.real.push(await measure(real.call));
    rounds.core.push(await measure(core));
  }
  peer.close();
  const median = (list, key) => quantile(list.map((m) => m[key]), 0.5);
  const report = (key, unit, better) => {
    const [o, r] = [median(rounds.ours, key), median(rounds.real, key)];
    const ratio = better === 'lower' ? r / o : o / r;
    result(`compare.${key}.ours`, unit, o, Math.max(...rounds.ours.map((m) => m[key])), ROUNDS, undefined, { perRound: rounds.ours.map((m) => round2(m[key])), clientFloor: round2(echo[key]), failedCalls: rounds.ours.reduce((n, m) => n + m.failed, 0) });
    result(`compare.${key}.real`, unit, r, Math.max(...rounds.real.map((m) => m[key])), ROUNDS, undefined, { perRound: rounds.real.map((m) => round2(m[key])), failedCalls: rounds.real.reduce((n, m) => n + m.failed, 0) });
    return ratio;
  };
  const p50 = report('p50', 'ms', 'lower');
  const p99 = report('p99', 'ms', 'lower');
  const rate = report('perSecond', 'invokes/s', 'higher');
  result('compare.ratio.p50', 'x', p50, p50, ROUNDS, '>= 20', { p99Ratio: round2(p99), note: 'real p50 / our p50, same client, same run' });
  result('compare.ratio.throughput', 'x', rate, rate, ROUNDS, '>= 90', { inFlight: 32, note: 'our invokes/s / real invokes/s' });
  const cpu = median(rounds.ours, 'cpuUs');
  result('compare.client.cpu-per-invoke', 'us', cpu, cpu, ROUNDS, undefined, { echo: round2(echo.cpuUs), real: round2(median(rounds.real, 'cpuUs')), note: 'this client process, user+system CPU per completed invoke at 32 in flight' });
  result('compare.cold.p50', 'ms', ours.coldP50, ours.coldP50, WARMUP, undefined, { real: round2(real.coldP50), note: `p50 of the first ${WARMUP} sequential invokes after pairing, before any measurement` });
  result('compare.core-client.p50', 'ms', median(rounds.core, 'p50'), median(rounds.core, 'p99'), ROUNDS, undefined, { perSecond: Math.round(median(rounds.core, 'perSecond')), cpuPerInvokeUs: round2(median(rounds.core, 'cpuUs')), note: 'our gateway through the core client gateway.bench.js uses, same run' });
  ours.close();
  real.close();
} finally {
  await cleanUp(children, root);
}

/** The client against the do-nothing server: the floor under every other figure. */
async function measureEcho() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./lib/echo-gateway.js', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const port = await new Promise((resolve) => child.stdout.on('data', (d) => resolve(Number(/listening (\d+)/.exec(String(d))?.[1]))));
  const op = await connectRawOperator(`ws://127.0.0.1:${port}`, TOKEN);
  const call = () => op.invoke('echo', 'system.which', WHICH);
  await sequentialRoundTrips(call, { count: 0, warmup: WARMUP });
  const figures = await measure(call);
  op.close();
  child.kill('SIGTERM');
  return figures;
}

/** Pairs the gateway's one pending node through the raw client; `call` invokes `system.which` on it. */
async function pairedTarget(port) {
  const op = await connectRawOperator(`ws://127.0.0.1:${port}`, TOKEN);
  const pending = await until(async () => (await op.request('node.pair.list', {})).payload?.pending?.[0], 60_000);
  const approved = await op.request('node.pair.approve', { requestId: pending.requestId });
  if (!approved.ok) throw new Error(`approving the node on port ${port} failed: ${JSON.stringify(approved.error)}`);
  const call = () => op.invoke(pending.nodeId, 'system.which', WHICH);
  await until(async () => ((await call()).ok ? true : undefined), 60_000);
  const cold = await sequentialRoundTrips(call, { count: WARMUP, warmup: 0 });
  await sequentialRoundTrips(call, { count: 0, warmup: WARM });
  return { nodeId: pending.nodeId, call, coldP50: cold.p50, close: () => op.close() };
}

async function measure(call) {
  const sequential = await sequentialRoundTrips(call, { count: COUNT, warmup: 50 });
  const cpu0 = process.cpuUsage();
  const { perSecond, done, failed } = await throughput(call, { durationMs: DURATION_MS });
  const cpu = process.cpuUsage(cpu0);
  return { p50: sequential.p50, p99: sequential.p99, perSecond, cpuUs: (cpu.user + cpu.system) / done, failed: sequential.failed + failed };
}

function round2(value) {
  return Math.round(value * 100) / 100;
}
