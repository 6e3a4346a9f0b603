import { chmod, mkdir, stat } from 'node:fs/promises';

/** Owner-only: state files hold keys and tokens. */
export const PRIVATE_DIR_MODE = 0o700;

/**
 * Creates `dir` (and missing parents) with mode 0700. An existing directory owned by the
 * current user is tightened to 0700 unless `keepExisting` is set, which callers pass for a
 * directory the user may have made (the state dir itself): its mode is the user's to choose,
 * and `openDirWarning` says when it lets others in. One owned by someone else is left alone,
 * since we could not change it anyway and failing here would only hide the real error later.
 *
 * @example
 * await ensurePrivateDir(join(stateDir, 'identity'));
 * await ensurePrivateDir(stateDir, { keepExisting: true });
 */
export async function ensurePrivateDir(dir: string, options: { keepExisting?: boolean } = {}): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (options.keepExisting && created === undefined) return;
  // mkdir's mode is filtered by the umask and ignored for directories that already exist.
  const info = await stat(dir);
  const ownedByUs = typeof process.getuid !== 'function' || info.uid === process.getuid();
  if (ownedByUs && (info.mode & 0o777) !== PRIVATE_DIR_MODE) await chmod(dir, PRIVATE_DIR_MODE);
}

/**
 * A warning when group or others may enter or list `dir` (mode 0755 and the like), naming
 * its mode and the `chmod 700` that fixes it; `undefined` when it is private or missing.
 */
export async function openDirWarning(dir: string): Promise<string | undefined> {
  const info = await stat(dir).catch(() => undefined);
  if (!info || (info.mode & 0o077) === 0) return undefined;
  const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
  return `the state dir ${dir} is open to other users (mode ${mode}) and holds keys and tokens; run: chmod 700 '${dir.replace(/'/g, `'\\''`)}'`;
}
