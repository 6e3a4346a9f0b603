/**
 * @module
 * The two invoke measurements every side-by-side figure uses: sequential round trips and
 * throughput with a fixed number of calls in flight.
 */
import { performance } from 'node:perf_hooks';
import { quantile } from './measure.js';

/**
 * Milliseconds of each of `count` sequential `call()`s after `warmup` untimed ones, with p50
 * and p99. `call` resolves to a `res` frame; one that is not ok throws (a figure for failed
 * calls would be meaningless).
 */
export async function sequentialRoundTrips(call, { count, warmup }) {
  for (let i = 0; i < warmup; i++) check(await call());
  const samples = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    check(await call());
    samples.push(performance.now() - t0);
  }
  return { samples, p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

/** Completed `call()`s per second over `durationMs` with `inFlight` always waiting. */
export async function throughput(call, { durationMs, inFlight = 32 }) {
  let done = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        check(await call());
        done++;
      }
    }),
  );
  return { perSecond: done / ((performance.now() - t0) / 1000), done };
}

function check(res) {
  if (res.ok === false) throw new Error(`call failed: ${JSON.stringify(res.error)}`);
  return res;
}
