/**
 * @module
 * Remote exec with real processes on loopback: our gateway (`openclaw gateway run`), our
 * headless node host (`openclaw node run`) and an operator in this process. Measures
 * `system.run` of `/bin/true` through `node.invoke` — sequential p50/p90 and runs/s with 8
 * in flight — under `security=full` and under `allowlist` (the allowlist check and the
 * background usage note included), and the agent exec tool (`tools.invoke`, `host=node`,
 * which adds the gateway's policy step and `/bin/sh -c`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { quantile } from './lib/measure.js';
import { freePort, operator, result, startGateway, startNode, until } from './lib/processes.js';

const TOKEN = 'bench-token';
const RUNS = Number(process.env.BENCH_EXEC_RUNS ?? 1_000);
const THROUGHPUT_MS = Number(process.env.BENCH_THROUGHPUT_MS ?? 3_000);
const TRUE = realpathSync('/bin/true');

const root = mkdtempSync(join(tmpdir(), 'openclaw-bench-exec-'));
const children = [];
try {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  children.push(await startGateway(root, port, TOKEN));
  children.push(await startNode(root, port, TOKEN, 'bench-exec-node'));

  const op = await operator(url, TOKEN);
  const nodeId = await until(async () => {
    for (const p of (await op.request('node.pair.list', {})).pending) await op.request('node.pair.approve', { requestId: p.requestId });
    return (await op.request('node.list', {})).nodes.find((n) => n.connected && n.commands.includes('system.run'))?.nodeId;
  });
  // The node notes allowlist use in the background: a write may land between get and set.
  const approvals = (defaults) =>
    until(async () => {
      const { hash } = await op.request('exec.approvals.node.get', { nodeId });
      const file = { version: 1, defaults, agents: { '*': { allowlist: [{ pattern: TRUE }] } } };
      return op.request('exec.approvals.node.set', { nodeId, baseHash: hash, file }).catch(() => undefined);
    });
  const run = async () => {
    const res = await op.request('node.invoke', { nodeId, command: 'system.run', params: { command: [TRUE] }, idempotencyKey: randomUUID() });
    if (res.payload.exitCode !== 0) throw new Error(`system.run failed: ${JSON.stringify(res.payload)}`);
  };

  for (const [label, defaults] of [['full', { security: 'full', ask: 'off' }], ['allowlist', { security: 'allowlist', ask: 'off' }]]) {
    await approvals(defaults);
    const { samples, perSecond, done } = await measure(run);
    const target = label === 'full' ? '<= 5' : undefined;
    result(`exec.system-run.${label}.p50`, 'ms', quantile(samples, 0.5), quantile(samples, 0.9), samples.length, target, { p99: quantile(samples, 0.99), command: '/bin/true', path: 'operator -> our gateway -> our node host (spawn) -> back' });
    result(`exec.system-run.${label}.throughput`, 'runs/s', perSecond, perSecond, done, undefined, { inFlight: 8 });
  }

  // The agent exec tool: gateway policy, the node's allowlist pre-check is skipped (ask=off).
  await approvals({ security: 'full', ask: 'off' });
  await op.request('exec.directive', { sessionKey: 'bench', text: `/exec host=node security=full ask=off node=${nodeId}` });
  const tool = async () => {
    const res = await op.request('tools.invoke', { tool: 'exec', args: { command: 'true' }, sessionKey: 'bench' });
    if (res.result.exitCode !== 0) throw new Error(`exec failed: ${JSON.stringify(res)}`);
  };
  const { samples } = await measure(tool, Math.min(RUNS, 300), 0);
  result('exec.tool.host-node.p50', 'ms', quantile(samples, 0.5), quantile(samples, 0.9), samples.length, undefined, { command: "/bin/sh -c 'true'", note: 'includes a shell start on the node' });
  op.close();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  rmSync(root, { recursive: true, force: true });
}

/** Sequential latencies after a warm-up, then runs/s with 8 in flight for THROUGHPUT_MS. */
async function measure(fn, runs = RUNS, throughputMs = THROUGHPUT_MS) {
  for (let i = 0; i < 50; i++) await fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  let done = 0;
  const t0 = performance.now();
  const end = t0 + throughputMs;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < end) {
        await fn();
        done++;
      }
    }),
  );
  return { samples, done, perSecond: throughputMs > 0 ? done / ((performance.now() - t0) / 1000) : 0 };
}
