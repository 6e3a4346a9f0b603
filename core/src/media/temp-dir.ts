import { lstatSync, mkdirSync, accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The fixed OpenClaw temp dir under the POSIX temp root (CLI.md section 3). */
export const POSIX_OPENCLAW_TMP_DIR = '/tmp/openclaw';

export interface TempDirFacts {
  /** The preferred directory; `POSIX_OPENCLAW_TMP_DIR` unless a test points elsewhere. */
  readonly preferred?: string;
  /** The fallback's parent: `os.tmpdir()`. */
  readonly tmpRoot?: string;
  /** The current uid; undefined where the platform has none. */
  readonly uid?: number;
}

/**
 * Where media helpers write their files: the fixed `openclaw` temp dir when it is (or can be
 * created as) a real directory, not a symlink, owned by us, writable, and not group- or
 * world-writable; otherwise `<os.tmpdir()>/openclaw-<uid>`. Either is created with mode
 * 0700. A shared /tmp lets another user pre-create either; the checks keep us from writing
 * into a directory they control. Throws (a plain `Error`) when neither passes.
 *
 * @example
 * openclawTempDir(); // '/tmp/openclaw'
 */
export function openclawTempDir({ preferred = POSIX_OPENCLAW_TMP_DIR, tmpRoot = tmpdir(), uid = process.getuid?.() }: TempDirFacts = {}): string {
  if (usable(preferred, uid)) return preferred;
  // The fallback sits in the same shared directory, so it gets the same checks.
  const fallback = join(tmpRoot, uid === undefined ? 'openclaw' : `openclaw-${uid}`);
  if (usable(fallback, uid)) return fallback;
  throw new Error(`neither ${preferred} nor ${fallback} is a private directory of this user (a symlink, someone else's, or group/world-writable)`);
}

function usable(dir: string, uid: number | undefined): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.isSymbolicLink()) return false;
    if (uid !== undefined && stat.uid !== uid) return false;
    if ((stat.mode & 0o022) !== 0) return false;
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
