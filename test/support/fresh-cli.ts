import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { BIN } from './paths.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/**
 * A fresh machine for the `openclaw` CLI: its own HOME, state dir and working directory
 * (bounded by a package.json, so no project rc file above it is found), and no OPENCLAW_*
 * variable leaking in. Removed after each test.
 *
 * @example
 * const cli = makeCli();
 * cli.run('config', 'set', 'tools.exec.host', 'node').code; // 0
 */
export function makeCli(extraEnv: NodeJS.ProcessEnv = {}) {
  const root = mkdtempSync(join(tmpdir(), 'openclaw-cli-'));
  roots.push(root);
  const stateDir = join(root, 'state');
  const cwd = join(root, 'work');
  mkdirSync(cwd);
  mkdirSync(join(root, 'home'));
  writeFileSync(join(cwd, 'package.json'), '{"name":"work"}');
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OPENCLAW_')));
  Object.assign(env, { HOME: join(root, 'home'), OPENCLAW_STATE_DIR: stateDir, NO_COLOR: '1' }, extraEnv);
  const configFile = join(stateDir, 'openclaw.json');
  return {
    root,
    cwd,
    stateDir,
    configFile,
    env,
    run(...args: string[]): CliRun {
      const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    /** Runs a bash script with `openclaw` (and `npx openclaw`) being this CLI. */
    bash(script: string, moreEnv: NodeJS.ProcessEnv = {}): CliRun {
      const shims = `openclaw() { "${process.execPath}" "${BIN}" "$@"; }\nnpx() { [ "$1" = openclaw ] && shift; openclaw "$@"; }\n`;
      const result = spawnSync('bash', ['-c', shims + script], { cwd, env: { ...env, ...moreEnv }, encoding: 'utf8' });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    readConfig: (): unknown => JSON.parse(readFileSync(configFile, 'utf8')),
  };
}
