import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive } from '../store/process-alive.js';
import { openclawTempDir } from './temp-dir.js';

/** When this process started (ms since the epoch): older dirs with our own pid are a previous run's. */
const PROCESS_STARTED_AT_MS = performance.timeOrigin;

/**
 * A private directory (mode 0700) for one capture: `<openclaw temp dir>/<prefix>-<pid>-<random>`.
 * The pid in the name lets `removeStaleCaptureDirs` tell a killed capture's leftovers from a
 * capture still running. The caller removes it when done.
 *
 * @example
 * const dir = await makeCaptureDir('openclaw-screen'); // '/tmp/openclaw/openclaw-screen-4242-Xa8f2Q'
 */
export function makeCaptureDir(prefix: string, parent = openclawTempDir()): Promise<string> {
  return mkdtemp(join(parent, `${prefix}-${process.pid}-`));
}

/**
 * Removes the capture dirs of `prefix` that a killed process left (a node killed while it
 * recorded): those whose pid is gone, or that carry our own pid but predate this process (a
 * restarted container reuses pids). Meant for a plugin's start. Returns how many went; a
 * missing or unreadable temp dir counts as clean.
 */
export async function removeStaleCaptureDirs(prefix: string, parent = openclawTempDir()): Promise<number> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)-[A-Za-z0-9]{6}$`);
  let removed = 0;
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1] ?? NaN);
    if (Number.isNaN(pid)) continue;
    const path = join(parent, name);
    const stale = pid === process.pid ? (await stat(path).catch(() => undefined))?.mtimeMs! < PROCESS_STARTED_AT_MS : !isProcessAlive(pid);
    if (!stale) continue;
    await rm(path, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}
