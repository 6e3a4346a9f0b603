import { randomBytes } from 'node:crypto';
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * The temp file a write of `target` goes through: same directory (so the rename is atomic),
 * hidden, and named after the writer's pid so a later process can tell a dead writer's
 * leftover from a write still in progress.
 */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Deletes temp files of `target` left behind by writers that no longer run (killed mid-write).
 * Files of live processes, including this one, are kept: they may be about to be renamed.
 * Returns how many files were removed.
 */
export async function removeStaleTempFiles(target: string): Promise<number> {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(target));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const match = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length));
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    try {
      await unlink(join(dirname(target), name));
      removed += 1;
    } catch {
      // Another process cleaned it first.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
