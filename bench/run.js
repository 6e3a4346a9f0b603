/**
 * @module
 * Runs the benchmarks: every `bench/*.bench.js` (or those whose name contains one of the
 * arguments), each in its own child process, one after another so they do not compete for
 * the CPU. A bench prints one JSON line per measurement:
 * `{"name","unit","median","p90","runs","target"?,"extra"?}`. The results are printed as a
 * table and written to `bench/results/latest.json`. Run after a build: `npm run bench`.
 * `compare.bench.js` needs the real OpenClaw and runs only, and alone, with `--compare`
 * (`npm run bench -- --compare`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const COMPARE = 'compare.bench.js';
const compare = process.argv.includes('--compare');
const filters = process.argv.slice(2).filter((arg) => arg !== '--compare');
const files = compare
  ? [COMPARE]
  : readdirSync(BENCH_DIR)
      .filter((file) => file.endsWith('.bench.js') && file !== COMPARE)
      .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
      .sort();

if (files.length === 0) {
  process.stderr.write(`no bench files match ${filters.join(', ') || '*.bench.js'}\n`);
  process.exit(1);
}

const results = [];
const failures = [];
for (const file of files) {
  process.stderr.write(`running ${file}...\n`);
  const child = spawnSync(process.execPath, [join(BENCH_DIR, file)], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const lines = parseResults(child.stdout);
  if (child.status !== 0 || lines.length === 0) failures.push(`${file}: exited ${child.status ?? child.signal} with ${lines.length} result(s)`);
  results.push(...lines.map((line) => ({ file, ...line, verdict: verdict(line) })));
}

printTable(results);
for (const failure of failures) process.stderr.write(`FAILED ${failure}\n`);
mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
const summary = { date: new Date().toISOString(), node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length, results, failures };
writeFileSync(join(BENCH_DIR, 'results', 'latest.json'), `${JSON.stringify(summary, null, 2)}\n`);
process.stderr.write('wrote bench/results/latest.json\n');
process.exitCode = failures.length > 0 ? 1 : 0;

function parseResults(stdout) {
  const out = [];
  for (const line of String(stdout ?? '').split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const value = JSON.parse(line);
      if (typeof value.name === 'string' && typeof value.median === 'number') out.push(value);
    } catch {
      // A bench may print other lines; only result objects count.
    }
  }
  return out;
}

/** `ok` / `MISS` against a target such as "< 100" (compared with the median), else ''. */
function verdict({ target, median }) {
  const match = /^\s*(<=?|>=?)\s*([\d.]+)\s*$/.exec(String(target ?? ''));
  if (!match) return '';
  const limit = Number(match[2]);
  const ok = { '<': median < limit, '<=': median <= limit, '>': median > limit, '>=': median >= limit }[match[1]];
  return ok ? 'ok' : 'MISS';
}

function printTable(rows) {
  const header = ['bench', 'median', 'p90', 'runs', 'target', '', 'notes'];
  const body = rows.map((r) => [
    r.name,
    `${r.median} ${r.unit}`,
    `${r.p90} ${r.unit}`,
    String(r.runs),
    r.target === undefined ? '' : `${r.target} ${r.unit}`,
    r.verdict,
    notes(r.extra),
  ]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...body.map((row) => row[i].length)));
  const format = (row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd();
  process.stdout.write(`${[format(header), format(widths.map((w) => '-'.repeat(w))), ...body.map(format)].join('\n')}\n`);
}

function notes(extra) {
  if (extra === undefined || extra === null) return '';
  return Object.entries(extra)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}
