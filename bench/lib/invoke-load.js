/**
 * @module
 * The two invoke measurements every side-by-side figure uses: sequential round trips and
 * throughput with a fixed number of calls in flight.
 */
import { performance } from 'node:perf_hooks';
import { quantile } from './measure.js';

/**
 * Milliseconds of each of `count` sequential `call()`s after `warmup` untimed ones, with p50
 * and p99. `call` resolves to a `res` frame (or a payload); one that is not ok is counted in
 * `failed` and left out of the samples.
 */
export async function sequentialRoundTrips(call, { count, warmup }) {
  for (let i = 0; i < warmup; i++) await call();
  const samples = [];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const ok = succeeded(await call());
    if (ok) samples.push(performance.now() - t0);
    else failed++;
  }
  return { samples, failed, p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

/** Successful `call()`s per second over `durationMs` with `inFlight` always waiting; `failed` counts the others. */
export async function throughput(call, { durationMs, inFlight = 32 }) {
  let done = 0;
  let failed = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        if (succeeded(await call())) done++;
        else failed++;
      }
    }),
  );
  return { perSecond: done / ((performance.now() - t0) / 1000), done, failed };
}

/** The real OpenClaw sometimes refuses a call under load; such calls are counted, not timed. */
const succeeded = (res) => res.ok !== false;
