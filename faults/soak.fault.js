/**
 * @module
 * 1,000,000 `system.which` invokes (50,000 in the bounded form), 32 in flight, through our
 * gateway to a real node host: the gateway's heap after a full collection stays flat (the mean
 * of the last third of the samples within 5 % of the first third's), no timer or socket is
 * left behind, nothing stays in flight, and no listener-leak warning is printed. The heap is
 * read through the V8 inspector (lib/inspector.js); the gateway has no debug endpoint.
 */
import { performance } from 'node:perf_hooks';
import { rssMb } from '../bench/lib/processes.js';
import { figure, runCase, scale, sleep } from './lib/fault-kit.js';
import { attachInspector, inspectorUrl } from './lib/inspector.js';
import { metric, metrics, startStack } from './lib/our-stack.js';

const INVOKES = scale(1_000_000, 50_000);
const SAMPLES = 12;
const WARMUP = Math.round(INVOKES / 20);

await runCase(async ({ root, track }) => {
  const stack = await startStack(root, track, { nodeArgs: ['--inspect=127.0.0.1:0'] });
  const inspector = await attachInspector(inspectorUrl(stack.gateway.output()));
  await run(WARMUP);
  const resourcesBefore = await inspector.resources();
  const heaps = [];
  const rss = [];
  const t0 = performance.now();
  let failed = 0;
  for (let sample = 0; sample < SAMPLES; sample++) {
    failed += await run(Math.round((INVOKES - WARMUP) / SAMPLES));
    heaps.push((await inspector.heap()).usedMb);
    rss.push(rssMb(stack.gateway.child.pid));
  }
  const seconds = (performance.now() - t0) / 1000;
  await sleep(1_000);
  const resourcesAfter = await inspector.resources();
  const third = Math.floor(SAMPLES / 3);
  const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
  const [first, last] = [mean(heaps.slice(0, third)), mean(heaps.slice(-third))];
  const growth = ((last - first) / first) * 100;
  figure('invokes failed', failed, 'invokes', { target: '0', pass: failed === 0, extra: { invokes: INVOKES, seconds: Math.round(seconds), perSecond: Math.round((INVOKES - WARMUP) / seconds) } });
  figure('heap after GC, last third vs first third', growth, '%', { target: '<= 5', pass: growth <= 5, extra: { heapMb: heaps, rssMb: rss } });
  const leaked = Object.keys({ ...resourcesBefore, ...resourcesAfter }).filter((k) => (resourcesAfter[k] ?? 0) > (resourcesBefore[k] ?? 0));
  figure('timers and handles left behind', leaked.length, 'kinds', { target: '0', pass: leaked.length === 0, extra: { before: resourcesBefore, after: resourcesAfter } });
  const inFlight = metric(await metrics(stack.port), 'openclaw_node_invokes_in_flight');
  figure('invokes still in flight at the gateway', inFlight, 'invokes', { target: '0', pass: inFlight === 0 });
  const warned = /MaxListenersExceededWarning/.test(stack.gateway.output()) ? 1 : 0;
  figure('listener-leak warnings from the gateway', warned, 'warnings', { target: '0', pass: warned === 0 });
  inspector.close();

  /** `count` invokes, 32 in flight; resolves with how many failed. */
  async function run(count) {
    let next = 0;
    let bad = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next++ < count) if (!(await stack.invoke()).ok) bad++;
      }),
    );
    return bad;
  }
});
