import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';

/** The PATH the headless OpenClaw node host searches when its environment has none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface ResolveOptions {
  /** Base for relative paths (the command's working directory). */
  readonly cwd: string;
  /** PATH of the sanitised environment the command will run with. */
  readonly pathEnv: string | undefined;
  readonly home: string;
}

/** Where an argv[0] leads. */
export interface ResolvedExecutable {
  /** The executable file found (through PATH for a bare name), before symlinks are followed. */
  readonly path?: string;
  /** `path` with every symlink followed: what actually runs, and what patterns are matched against. */
  readonly realPath?: string;
  /**
   * What the allowlist is matched against: `realPath`, or for a path-like token that does
   * not resolve to an executable file, its absolute form. Absent for a bare name not on PATH.
   */
  readonly candidate?: string;
}

/** Expands a leading `~` or `~/` to the home directory. */
export function expandHome(token: string, home: string): string {
  if (token === '~') return home;
  return token.startsWith('~/') ? join(home, token.slice(2)) : token;
}

/**
 * Resolves argv[0] as the shell would (EXEC.md 7.3): a token with a slash is a path
 * (relative to `cwd`); a bare name is searched along PATH (absolute entries only). Symlinks
 * are followed, so a link named like an allowed program that points elsewhere is judged by
 * its target.
 *
 * @example
 * resolveExecutable('uname', { cwd: '/', pathEnv: '/usr/bin:/bin', home: '/home/me' });
 * // { path: '/usr/bin/uname', realPath: '/usr/bin/uname', candidate: '/usr/bin/uname' }
 */
export function resolveExecutable(token: string, options: ResolveOptions): ResolvedExecutable {
  const expanded = expandHome(token, options.home);
  if (expanded === '') return {};
  if (expanded.includes('/') || expanded.includes('\\')) {
    const absolute = resolve(options.cwd, expanded);
    return isExecutableFile(absolute) ? found(absolute) : { candidate: absolute };
  }
  for (const dir of (options.pathEnv ?? DEFAULT_PATH).split(delimiter)) {
    // Relative PATH entries would depend on the caller-chosen cwd.
    if (dir === '' || !isAbsolute(dir)) continue;
    const candidate = join(dir, expanded);
    if (isExecutableFile(candidate)) return found(candidate);
  }
  return {};
}

function found(path: string): ResolvedExecutable {
  try {
    const realPath = realpathSync(path);
    return { path, realPath, candidate: realPath };
  } catch {
    return { path, candidate: path };
  }
}

/** A regular file (after symlinks) we may execute. */
export function isExecutableFile(path: string): boolean {
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return false;
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Directories only the machine's administrator can write to, where a stdin-only filter or a
 * shell found by name can be trusted to be the real one (EXEC.md 7.5). `extra` adds the PATH
 * the host process started with; a request's environment can never add trust.
 */
export function trustedDirs(extra: string | undefined): ReadonlySet<string> {
  const dirs = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/opt/homebrew/bin', '/opt/local/bin', '/snap/bin', '/run/current-system/sw/bin'];
  for (const dir of (extra ?? '').split(delimiter)) if (dir !== '' && isAbsolute(dir)) dirs.push(dir);
  return new Set(dirs);
}

/** Both the found path and its symlink target sit in trusted directories. */
export function isTrusted(resolved: ResolvedExecutable, trusted: ReadonlySet<string>): boolean {
  return resolved.path !== undefined && resolved.realPath !== undefined && trusted.has(dirname(resolved.path)) && trusted.has(dirname(resolved.realPath));
}
