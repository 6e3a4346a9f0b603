import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { hostEnvironment, openclawCommand } from '../../hosts/cli/src/services/openclaw-command.js';
import type { ServiceKind } from '../../hosts/cli/src/services/service-spec.js';
import { BIN } from './paths.js';

const run = promisify(execFile);

/** Runs our `openclaw` CLI to completion. */
export async function ourCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args], { env, timeout: timeoutMs });
  return stdout;
}

/**
 * `openclaw <kind> run <args>` started as its installed service starts it: with the service's
 * node flags and environment (`HOST_NODE_FLAGS`, `hostEnvironment`). Tests that measure a
 * host's memory use this, so they measure what is deployed.
 */
export function startHost(kind: ServiceKind, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 60_000) {
  const [node, ...command] = openclawCommand(kind, [kind, 'run', ...args]);
  return startProcess(node, command, { ...env, ...hostEnvironment(env) }, ready, timeoutMs);
}

/** A long-running process whose output is kept, resolved once `ready` matches it. */
export function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs = 60_000) {
  const child: ChildProcess = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let isReady = false;
  const started = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} not ready within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      // Looked for until found: rescanning the whole output on every later line is quadratic.
      if (!isReady && ready.test(output)) {
        isReady = true;
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

/** Runs our `openclaw` CLI and reports how it ended instead of throwing on a non-zero exit. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: unknown }).code as number | null) : 0;
      resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
    });
  });
}
