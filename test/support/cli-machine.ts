import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

/** One machine for CLI processes: its own HOME and state dir (with a config when given). */
export interface CliMachine {
  dir: string;
  state: string;
  env: NodeJS.ProcessEnv;
  cleanup: () => void;
}

/**
 * A fresh machine for `openclaw` processes: HOME, XDG dirs and `OPENCLAW_STATE_DIR` in a temp
 * dir, `openclaw.json` written (0600) when `config` is given, no service manager reachable.
 */
export function cliMachine(prefix: string, config?: unknown): CliMachine {
  const dir = tempDir(prefix);
  const state = join(dir.path, 'state');
  mkdirSync(state, { mode: 0o700 });
  mkdirSync(join(dir.path, 'runtime'));
  if (config !== undefined) writeFileSync(join(state, 'openclaw.json'), JSON.stringify(config), { mode: 0o600 });
  const env = { PATH: process.env.PATH, HOME: dir.path, XDG_CONFIG_HOME: join(dir.path, 'config'), XDG_RUNTIME_DIR: join(dir.path, 'runtime'), OPENCLAW_STATE_DIR: state };
  return { dir: dir.path, state, env, cleanup: dir.cleanup };
}
