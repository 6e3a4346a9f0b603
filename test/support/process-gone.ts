import { readFileSync } from 'node:fs';

/**
 * Whether a process has ended: gone, or a zombie nobody has reaped yet (the init of a
 * container may never reap orphans, so a killed grandchild can linger as one).
 */
export function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? false;
  } catch {
    return true;
  }
}
