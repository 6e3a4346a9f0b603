import { forbiddenOverride } from './env-policy.js';

/** Shells whose `-c` script is analysed instead of the shell itself (EXEC.md 7.1). */
export const POSIX_SHELLS: ReadonlySet<string> = new Set(['ash', 'bash', 'dash', 'fish', 'ksh', 'sh', 'zsh']);
const INLINE_FLAGS: ReadonlySet<string> = new Set(['-c', '-lc', '--command']);
const ENV_FLAGS: ReadonlySet<string> = new Set(['-i', '--ignore-environment', '-', '--']);

export type EnvPrefix = { ok: true; commandIndex: number } | { ok: false; reason: string };

/** Last path component, lowercased, on either separator. */
export const baseName = (token: string): string => token.slice(Math.max(token.lastIndexOf('/'), token.lastIndexOf('\\')) + 1).toLowerCase();

/**
 * When `argv[0]` is `env`, finds where the real command starts: after `-i`, `-u NAME` and
 * `NAME=value` assignments. Any other option (`-S`, `--chdir`, ...) or an assignment of a
 * variable a caller may not set (`PATH`, `LD_PRELOAD`, ...) makes the command unmatchable,
 * because `env` would run something other than what the allowlist saw.
 *
 * @example
 * parseEnvPrefix(['env', 'LANG=C', 'uname', '-a']); // { ok: true, commandIndex: 2 }
 * parseEnvPrefix(['env', 'LD_PRELOAD=/tmp/x.so', 'uname']); // { ok: false, ... }
 */
export function parseEnvPrefix(argv: readonly string[]): EnvPrefix {
  if (argv.length === 0 || baseName(argv[0]) !== 'env') return { ok: true, commandIndex: 0 };
  let i = 1;
  let options = true;
  for (; i < argv.length; i++) {
    const token = argv[i];
    if (options && token === '--') {
      options = false;
    } else if (options && (token === '-u' || token === '--unset')) {
      i++;
    } else if (options && (token.startsWith('--unset=') || (token.startsWith('-u') && token.length > 2))) {
      // unsetting is harmless
    } else if (options && ENV_FLAGS.has(token)) {
      // -i clears the environment: harmless
    } else if (options && token.startsWith('-')) {
      return { ok: false, reason: `unsupported env option: ${token}` };
    } else {
      const eq = token.indexOf('=');
      if (eq <= 0) break;
      if (forbiddenOverride(token.slice(0, eq)) !== undefined) return { ok: false, reason: `env assignment not allowed: ${token.slice(0, eq)}` };
    }
  }
  return { ok: true, commandIndex: Math.min(i, argv.length) };
}

/** Where a shell wrapper's script is: argv is `[env …] <shell> -c|-lc|--command <script> …`. */
export interface ShellWrapper {
  /** Index of the shell in argv (after an `env` prefix). */
  readonly shellIndex: number;
  readonly script: string;
}

/**
 * Recognises `sh -lc "<script>"` and its kin by name only; whether that shell binary is a
 * trusted one is decided by the caller after resolving it.
 *
 * @example
 * findShellWrapper(['/bin/sh', '-lc', 'uname -a']); // { shellIndex: 0, script: 'uname -a' }
 */
export function findShellWrapper(argv: readonly string[]): ShellWrapper | undefined {
  const prefix = parseEnvPrefix(argv);
  if (!prefix.ok) return undefined;
  const shellIndex = prefix.commandIndex;
  const shell = argv[shellIndex];
  const flag = argv[shellIndex + 1];
  const script = argv[shellIndex + 2];
  if (shell === undefined || flag === undefined || script === undefined) return undefined;
  if (!POSIX_SHELLS.has(baseName(shell)) || !INLINE_FLAGS.has(flag.toLowerCase())) return undefined;
  return { shellIndex, script };
}

/**
 * The display text of an argv, as the real node host formats it: words with spaces or
 * quotes are double-quoted.
 *
 * @example
 * formatArgv(['echo', 'hello world']); // 'echo "hello world"'
 */
export function formatArgv(argv: readonly string[]): string {
  return argv.map((arg) => (arg === '' ? '""' : /\s|"/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg)).join(' ');
}
