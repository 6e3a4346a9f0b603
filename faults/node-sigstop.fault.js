/**
 * @module
 * A node host frozen with SIGSTOP while invokes are in flight: each caller gets `TIMEOUT` when
 * its own `timeoutMs` runs out (not before, and not much after), the gateway keeps answering
 * other requests meanwhile, and after SIGCONT the same node serves invokes again with nothing
 * left in flight at the gateway.
 */
import { performance } from 'node:perf_hooks';
import { quantile } from '../bench/lib/measure.js';
import { until } from '../bench/lib/processes.js';
import { figure, runCase, scale, sleep, timed } from './lib/fault-kit.js';
import { codeOf, keepCalling } from './lib/invoke-loop.js';
import { metric, metrics, startStack } from './lib/our-stack.js';

const TIMEOUT_MS = 1_500;
/** How late a TIMEOUT may come on a loaded 2-core machine and still count as on time. */
const LATE_MARGIN_MS = 500;
const STOPS = scale(3, 1);
/** "Responsive": every probe answered, none held up like a blocked loop would be (seconds). */
const PROBE_LIMIT_MS = 500;

await runCase(async ({ root, track }) => {
  const stack = await startStack(root, track);
  const lateness = [];
  const wrong = [];
  const probes = [];
  let timeouts = 0;
  for (let round = 0; round < STOPS; round++) {
    const load = keepCalling(() => stack.invoke(undefined, TIMEOUT_MS), { inFlight: 32 });
    await sleep(300);
    const stoppedAt = performance.now();
    stack.node.kill('SIGSTOP');
    // The gateway keeps answering while the node is frozen and its invokes wait out their time.
    while (performance.now() - stoppedAt < TIMEOUT_MS + LATE_MARGIN_MS + 500) {
      probes.push((await timed(() => stack.op.request('node.list', {}))).ms);
      await sleep(50);
    }
    const records = await load.stop();
    for (const r of records.filter((r) => r.doneAt > stoppedAt + 100)) {
      if (codeOf(r.res) !== 'TIMEOUT') wrong.push(r.res?.ok ? 'ok' : (codeOf(r.res) ?? String(r.error)));
      else {
        timeouts++;
        lateness.push(r.doneAt - r.sentAt - TIMEOUT_MS);
      }
    }
    stack.node.kill('SIGCONT');
    await until(async () => ((await stack.invoke(undefined, 5_000)).ok ? true : undefined), 20_000);
  }
  const earliest = Math.min(...lateness);
  const latest = Math.max(...lateness);
  figure('invokes answered TIMEOUT while the node was stopped', timeouts, 'invokes', { target: 'all, none otherwise', pass: timeouts > 0 && wrong.length === 0, extra: wrong.length ? { otherAnswers: [...new Set(wrong)] } : { stops: STOPS } });
  figure('TIMEOUT after the caller\'s timeoutMs, latest', latest, 'ms', { target: `0..${LATE_MARGIN_MS}`, pass: earliest >= -5 && latest <= LATE_MARGIN_MS, extra: { timeoutMs: TIMEOUT_MS, earliest: Math.round(earliest), p50: Math.round(quantile(lateness, 0.5)) } });
  figure('node.list while the node is stopped, slowest', Math.max(...probes), 'ms', { target: `< ${PROBE_LIMIT_MS}`, pass: Math.max(...probes) < PROBE_LIMIT_MS, extra: { p50: Math.round(quantile(probes, 0.5) * 100) / 100, probes: probes.length } });
  // After SIGCONT: the node answers what it was sent while frozen (the gateway has already
  // timed those out and drops the late answers) and serves new invokes at full rate.
  const after = await keepCalling(() => stack.invoke(), { inFlight: 32, maxCalls: scale(20_000, 5_000) }).done;
  const failed = after.filter((r) => !r.res?.ok).length;
  figure('invokes failing after SIGCONT', failed, 'invokes', { target: '0', pass: failed === 0, extra: { calls: after.length } });
  const text = await metrics(stack.port);
  figure('invokes left in flight at the gateway', metric(text, 'openclaw_node_invokes_in_flight'), 'invokes', { target: '0', pass: metric(text, 'openclaw_node_invokes_in_flight') === 0 });
  figure('nodes connected after resume', metric(text, 'openclaw_nodes_connected'), 'nodes', { target: '1', pass: metric(text, 'openclaw_nodes_connected') === 1 });
});
