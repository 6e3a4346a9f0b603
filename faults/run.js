/**
 * @module
 * Runs the fault cases: every `faults/*.fault.js` (or those whose name contains one of the
 * arguments), each in its own process, one after another, against real processes on
 * loopback. `--bounded` runs the form CI uses (FAULTS_BOUNDED=1: smaller counts, the same
 * pass conditions). Each case prints one JSON line per figure (lib/fault-kit.js); a case
 * passes when it exits 0 and no figure failed. Every case is killed past its time limit
 * (FAULTS_CASE_TIMEOUT_MS; 10 min, 3 min bounded). Ends with `faults: N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const bounded = process.argv.includes('--bounded');
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const limitMs = Number(process.env.FAULTS_CASE_TIMEOUT_MS ?? (bounded ? 180_000 : 600_000));
const files = readdirSync(DIR)
  .filter((file) => file.endsWith('.fault.js') && (filters.length === 0 || filters.some((f) => file.includes(f))))
  .sort();
if (files.length === 0) {
  process.stderr.write(`no fault cases match ${filters.join(', ')}\n`);
  process.exit(1);
}

const verdicts = [];
for (const file of files) {
  const name = file.replace(/\.fault\.js$/, '');
  process.stdout.write(`\n== ${name}${bounded ? ' (bounded)' : ''}\n`);
  const { code, figures, timedOut } = await runCase(file, name);
  const failed = figures.filter((f) => f.pass === false).map((f) => f.name);
  const ok = code === 0 && !timedOut && failed.length === 0 && figures.length > 0;
  verdicts.push(ok);
  const why = timedOut ? `killed after ${limitMs} ms` : code !== 0 ? `exited ${code}` : failed.length ? `failed: ${failed.join(', ')}` : figures.length === 0 ? 'printed no figure' : '';
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'} ${name}${why ? ` (${why})` : ''}\n`);
}
const passed = verdicts.filter(Boolean).length;
process.stdout.write(`\nfaults: ${passed} passed, ${verdicts.length - passed} failed\n`);
process.exitCode = passed === verdicts.length ? 0 : 1;

/** Runs one case file, echoing each figure as a line of the table, and collects them. */
function runCase(file, name) {
  const child = spawn(process.execPath, ['--expose-gc', join(DIR, file)], {
    env: { ...process.env, FAULT_CASE: name, ...(bounded ? { FAULTS_BOUNDED: '1' } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
    // Its own process group, so a case killed at its limit takes its gateway and nodes along.
    detached: true,
  });
  const figures = [];
  let buffered = '';
  child.stdout.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) {
      const f = parse(line);
      if (f === undefined) continue;
      figures.push(f);
      const verdict = f.pass === true ? 'ok  ' : f.pass === false ? 'MISS' : '    ';
      const extra = f.extra ? `  ${JSON.stringify(f.extra)}` : '';
      process.stdout.write(`  ${verdict} ${f.name}: ${f.value} ${f.unit}${f.target ? ` (target ${f.target})` : ''}${extra}\n`);
    }
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    process.kill(-child.pid, 'SIGKILL');
  }, limitMs);
  return new Promise((resolve) => child.once('exit', (code, signal) => (clearTimeout(timer), resolve({ code: code ?? signal, figures, timedOut }))));
}

function parse(line) {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line);
    return typeof value.name === 'string' && 'value' in value ? value : undefined;
  } catch {
    return undefined;
  }
}
