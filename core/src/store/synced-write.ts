import { mkdir, open, unlink } from 'node:fs/promises';
import { OpenClawError } from '../errors/openclaw-error.js';
import { ensurePrivateDir } from './ensure-private-dir.js';
import { tempPathFor } from './temp-files.js';

/**
 * Writes `data` to a fresh temp file beside `target`, with `mode`, flushed to disk, and
 * returns its path. The caller renames or links it into place, or removes it.
 */
export async function writeSyncedTemp(target: string, data: string | Uint8Array, mode: number): Promise<string> {
  const tmp = tempPathFor(target);
  // 'wx' never follows a planted symlink or reuses someone else's file.
  const handle = await open(tmp, 'wx', mode);
  try {
    // open()'s mode is filtered by the umask; the caller asked for exactly this one.
    await handle.chmod(mode);
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  return tmp;
}

/** Creates a missing parent directory as a private one; an existing one keeps its mode. */
export async function createParentDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) await ensurePrivateDir(dir);
}

/**
 * Makes a rename in `dir` durable: without it a power cut right after the rename can bring
 * back the old directory entry on some file systems.
 */
export async function fsyncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (err) {
    // Windows and a few file systems cannot open or sync a directory; the rename still holds.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF' && code !== 'ENOTSUP') throw err;
  } finally {
    await handle?.close();
  }
}

export function writeFailed(path: string, err: unknown): OpenClawError {
  const reason = err instanceof Error ? err.message : String(err);
  return new OpenClawError(
    'STORE_WRITE_FAILED',
    `Could not write ${path}: ${reason}. Check that its directory is writable and the disk is not full.`,
    { details: { path }, cause: err },
  );
}
