import { randomBytes } from 'node:crypto';
import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isProcessAlive } from './process-alive.js';

/** `.<target name>.<writer pid>.<hex>.tmp`: what `tempPathFor` makes, and nothing else. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]+\.tmp$/;

/**
 * A temp file of a live process other than this one is left alone unless it is older than
 * this. A real write holds its temp file for milliseconds (write, fsync, rename); only a pid
 * since reused by an unrelated long-running process keeps one that long.
 */
export const TEMP_FILE_MAX_AGE_MS = 10 * 60_000;

/** When this process started (ms since the epoch): older files of our own pid are a previous run's. */
const PROCESS_STARTED_AT_MS = performance.timeOrigin;

/**
 * The temp file a write of `target` goes through: same directory (so the rename is atomic),
 * hidden, and named after the writer's pid so a later process can tell a dead writer's
 * leftover from a write still in progress.
 */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Deletes temp files of `target` left behind by writers killed mid-write (see
 * `removeStaleTempFilesIn`). Returns how many files were removed.
 */
export function removeStaleTempFiles(target: string): Promise<number> {
  return removeStale(dirname(target), (name) => name === basename(target));
}

/**
 * Deletes every stale temp file in `dir`, whatever file it was meant to replace; meant for a
 * host's start, over each of its state directories. Only names `tempPathFor` makes are
 * considered, and one is stale when its writer is gone, when it carries our own pid but
 * predates this process (a restarted container reuses pids), or when it is older than
 * `TEMP_FILE_MAX_AGE_MS`. A missing directory counts as clean. Returns how many were removed.
 *
 * @example
 * await removeStaleTempFilesIn(join(stateDir, 'gateway'));
 */
export function removeStaleTempFilesIn(dir: string): Promise<number> {
  return removeStale(dir, () => true);
}

async function removeStale(dir: string, targets: (name: string) => boolean): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (match === null || !targets(match[1]!)) continue;
    const path = join(dir, name);
    try {
      if (!(await isStale(path, Number(match[2])))) continue;
      await unlink(path);
      removed += 1;
    } catch {
      // Renamed into place or cleaned by another process meanwhile.
    }
  }
  return removed;
}

async function isStale(path: string, pid: number): Promise<boolean> {
  if (pid !== process.pid && !isProcessAlive(pid)) return true;
  const { mtimeMs } = await stat(path);
  if (pid === process.pid) return mtimeMs < PROCESS_STARTED_AT_MS;
  return Date.now() - mtimeMs > TEMP_FILE_MAX_AGE_MS;
}

