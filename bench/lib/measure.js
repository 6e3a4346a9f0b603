/**
 * @module
 * Timing functions shared by the `*.bench.js` files: wall time of a child process, peak RSS
 * through `/usr/bin/time`, and the summary line each bench prints.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * Wall-clock milliseconds of each case, `runs` times after `warmup` untimed rounds. The
 * cases take turns (a, b, c, a, b, c, ...) so that background load on a shared machine
 * slows them alike instead of skewing whichever ran during a busy moment.
 */
export function timeRuns(cases, { runs = 30, warmup = 3, ...spawnOptions } = {}) {
  const samples = cases.map(() => []);
  for (let round = 0; round < warmup + runs; round++) {
    cases.forEach(({ command, args }, i) => {
      const start = performance.now();
      const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
      const elapsed = performance.now() - start;
      if (result.status !== 0) {
        throw new Error(`${[command, ...args].join(' ')} exited ${result.status}: ${String(result.stderr).trim()}`);
      }
      if (round >= warmup) samples[i].push(elapsed);
    });
  }
  return samples;
}

const TIME_BIN = '/usr/bin/time';

/**
 * Peak resident set size in KiB (GNU time %M), the largest over a few runs, or
 * `{ kb: null, reason }` when GNU time is not installed.
 */
export function peakRssKb(command, args, { runs = 5, ...spawnOptions } = {}) {
  if (!existsSync(TIME_BIN)) return { kb: null, reason: `${TIME_BIN} not found (apt-get install time)` };
  const values = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(TIME_BIN, ['-f', '%M', command, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
    const last = String(result.stderr).trim().split('\n').pop() ?? '';
    if (result.status !== 0 || !/^\d+$/.test(last)) return { kb: null, reason: `${TIME_BIN} failed: ${String(result.stderr).trim()}` };
    values.push(Number(last));
  }
  return { kb: Math.max(...values) };
}

/** The q-quantile (0..1) of the samples, nearest rank. */
export function quantile(samples, q) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const round = (value) => Math.round(value * 10) / 10;

/** Prints the one JSON line per measurement that `bench/run.js` collects. */
export function report({ name, samples, target, extra = {} }) {
  const line = { name, unit: 'ms', median: round(quantile(samples, 0.5)), p90: round(quantile(samples, 0.9)), runs: samples.length };
  if (target !== undefined) line.target = target;
  line.extra = extra;
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
