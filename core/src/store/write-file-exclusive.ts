import { link, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createParentDir, fsyncDir, writeFailed, writeSyncedTemp } from './synced-write.js';
import { PRIVATE_FILE_MODE, type WriteFileAtomicOptions } from './write-file-atomic.js';

/**
 * Like `writeFileAtomic`, but only if `path` does not exist yet; resolves `false` (and writes
 * nothing) when it does. Two processes creating the same file at once therefore agree on one
 * winner, which matters for a key pair: the loser must load the winner's key, not replace it.
 *
 * @throws OpenClawError `STORE_WRITE_FAILED` with `details.path`.
 *
 * @example
 * if (!(await writeFileExclusive(file, json))) value = await readJsonFile(file);
 */
export async function writeFileExclusive(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<boolean> {
  const mode = options.mode ?? PRIVATE_FILE_MODE;
  let tmp: string | undefined;
  try {
    await createParentDir(dirname(path));
    tmp = await writeSyncedTemp(path, data, mode);
    const created = await linkIntoPlace(tmp, path);
    if (created) await fsyncDir(dirname(path));
    return created;
  } catch (err) {
    throw writeFailed(path, err);
  } finally {
    if (tmp !== undefined) await unlink(tmp).catch(() => undefined);
  }
}

/** link() fails with EEXIST instead of replacing, which rename() cannot do. */
async function linkIntoPlace(tmp: string, path: string): Promise<boolean> {
  try {
    await link(tmp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
  }
  // No hard links on this file system: check, then rename (a narrow race, but still atomic content).
  if (await exists(path)) return false;
  await rename(tmp, path);
  return true;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
