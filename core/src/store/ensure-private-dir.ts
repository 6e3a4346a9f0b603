import { chmod, mkdir, stat } from 'node:fs/promises';

/** Owner-only: state files hold keys and tokens. */
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `dir` (and missing parents) with mode 0700. An existing directory owned by the
 * current user is tightened to 0700; one owned by someone else is left alone, since we
 * could not change it anyway and failing here would only hide the real error later.
 *
 * @example
 * await ensurePrivateDir(join(stateDir, 'identity'));
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode is filtered by the umask and ignored for directories that already exist.
  const info = await stat(dir);
  const ownedByUs = typeof process.getuid !== 'function' || info.uid === process.getuid();
  if (ownedByUs && (info.mode & 0o777) !== PRIVATE_DIR_MODE) await chmod(dir, PRIVATE_DIR_MODE);
}
