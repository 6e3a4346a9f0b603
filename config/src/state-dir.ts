import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The config file name inside the state dir. */
export const CONFIG_FILE_NAME = 'openclaw.json';

export interface StateDirOptions {
  /** Wins over `OPENCLAW_STATE_DIR`. */
  stateDir?: string;
  /** Base for relative paths; default `process.cwd()`. */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Expands a leading `~` and resolves against `cwd`, as a shell user would expect. */
export function resolveUserPath(path: string, cwd: string, env: NodeJS.ProcessEnv): string {
  if (path === '~' || path.startsWith('~/')) return join(env.HOME || homedir(), path.slice(1));
  return resolve(cwd, path);
}

/**
 * The state dir: `options.stateDir`, else `OPENCLAW_STATE_DIR`, else `~/.openclaw`.
 *
 * @example
 * resolveStateDir({ env: { OPENCLAW_STATE_DIR: '/srv/openclaw' } }); // '/srv/openclaw'
 */
export function resolveStateDir(options: StateDirOptions = {}): string {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const chosen = options.stateDir ?? (env.OPENCLAW_STATE_DIR?.trim() || undefined);
  return chosen === undefined ? join(env.HOME || homedir(), '.openclaw') : resolveUserPath(chosen, cwd, env);
}

export interface ConfigFileOptions extends StateDirOptions {
  /** An explicit config file; wins over `OPENCLAW_CONFIG_PATH`. */
  configPath?: string;
}

/**
 * The file `config set`/`unset` write: the explicit path (`configPath` or
 * `OPENCLAW_CONFIG_PATH`), else `<stateDir>/openclaw.json`.
 */
export function resolveConfigFilePath(options: ConfigFileOptions = {}): { path: string; explicit: boolean; stateDir: string } {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const stateDir = resolveStateDir(options);
  const explicit = options.configPath ?? (env.OPENCLAW_CONFIG_PATH?.trim() || undefined);
  if (explicit !== undefined) return { path: resolveUserPath(explicit, cwd, env), explicit: true, stateDir };
  return { path: join(stateDir, CONFIG_FILE_NAME), explicit: false, stateDir };
}
