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
 * 0700. A shared /tmp lets another user pre-create /tmp/openclaw; the checks keep us from
 * writing into a directory they control.
 *
 * @example
 * openclawTempDir(); // '/tmp/openclaw'
 */
export function openclawTempDir({ preferred = POSIX_OPENCLAW_TMP_DIR, tmpRoot = tmpdir(), uid = process.getuid?.() }: TempDirFacts = {}): string {
  if (usable(preferred, uid)) return preferred;
  const fallback = join(tmpRoot, uid === undefined ? 'openclaw' : `openclaw-${uid}`);
  mkdirSync(fallback, { recursive: true, mode: 0o700 });
  return fallback;
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
