/**
 * @module
 * What every fault case shares: its size (full, or the bounded form CI runs with
 * FAULTS_BOUNDED=1), the one JSON line each figure prints for faults/run.js, and a scratch
 * directory whose processes are stopped however the case ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True in the bounded form: counts scaled down, the same pass conditions. */
export const BOUNDED = process.env.FAULTS_BOUNDED === '1';

/** `full` normally, `bounded` in the bounded form. */
export const scale = (full, bounded) => (BOUNDED ? bounded : full);

/**
 * Prints one figure: `{ fault, name, value, unit, target, pass, extra }`. `pass` is the case's
 * verdict on it (`undefined` for a figure that is only informative).
 */
export function figure(name, value, unit, { target, pass, extra } = {}) {
  const rounded = typeof value === 'number' ? Math.round(value * 1000) / 1000 : value;
  process.stdout.write(`${JSON.stringify({ fault: process.env.FAULT_CASE ?? 'case', name, value: rounded, unit, target, pass, extra })}\n`);
  return pass;
}

/**
 * Runs `body(scratch)` with a scratch directory and a list of child processes to end, then
 * kills those (SIGKILL: a fault case may have left them stopped) and removes the directory.
 */
export async function runCase(body) {
  const root = mkdtempSync(join(tmpdir(), 'openclaw-fault-'));
  const children = [];
  try {
    await body({ root, track: (child) => (children.push(child), child) });
  } finally {
    for (const child of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    rmSync(root, { recursive: true, force: true });
  }
}

/** Milliseconds `fn` took, with what it resolved to. */
export async function timed(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/** Resolves after `ms`. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
