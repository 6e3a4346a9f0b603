import { rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createParentDir, fsyncDir, writeFailed, writeSyncedTemp } from './synced-write.js';

/** Owner read/write only: state files hold keys and tokens. */
export const PRIVATE_FILE_MODE = 0o600;

export interface WriteFileAtomicOptions {
  /** File mode, exactly (not filtered by the umask). Default 0600. */
  mode?: number;
}

/**
 * Replaces `path` so that a reader, or the next start after a crash or `kill -9`, sees either
 * the old content or the new content, never a mix or an empty file: temp file in the same
 * directory, fsync, rename over the target, fsync the directory. A missing parent directory
 * is created with mode 0700.
 *
 * @throws OpenClawError `STORE_WRITE_FAILED` with `details.path`; no temp file is left behind.
 *
 * @example
 * await writeFileAtomic(join(stateDir, 'node.json'), `${JSON.stringify(config, null, 2)}\n`);
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  const mode = options.mode ?? PRIVATE_FILE_MODE;
  let tmp: string | undefined;
  try {
    await createParentDir(dirname(path));
    tmp = await writeSyncedTemp(path, data, mode);
    await rename(tmp, path);
    tmp = undefined;
    await fsyncDir(dirname(path));
  } catch (err) {
    if (tmp !== undefined) await unlink(tmp).catch(() => undefined);
    throw writeFailed(path, err);
  }
}
