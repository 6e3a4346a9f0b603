import { spawn } from 'node:child_process';
import { timerDelay } from '@openclaw-nodes/core/protocol';
import { OutputTail, splitBudget } from './output-tail.js';
import type { GroupTracker } from './running-groups.js';

/** Bytes of stdout + stderr a `system.run` result carries (COMMANDS.md 2.1). */
export const OUTPUT_CAP_BYTES = 200_000;
/** How long to keep reading pipes after the command exited; a background child may hold them open. */
const DRAIN_AFTER_EXIT_MS = 250;

export interface RunProcessOptions {
  readonly argv: readonly string[];
  readonly cwd?: string;
  readonly env: Record<string, string>;
  /** Kill the whole process group after this many ms. */
  readonly timeoutMs?: number;
  /** Kill the whole process group when aborted (gateway cancel, node shutdown). */
  readonly signal?: AbortSignal;
  readonly maxOutputBytes?: number;
  /** Run through this argv prefix (e.g. `setpriv --pdeathsig KILL --`), which must exec the command. */
  readonly launcher?: readonly string[];
  /** Told the process group id once spawned and when the command is done. */
  readonly tracker?: GroupTracker;
}

export interface ProcessResult {
  /** Absent when the process could not be started or was killed by a signal. */
  readonly exitCode?: number;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  /** Why the process could not be started (or was cancelled), else null. */
  readonly error: string | null;
  readonly truncated: boolean;
}

/**
 * Runs a command in its own process group (spawned detached) with stdin closed, keeping the
 * tail of its output. On timeout or abort the whole group gets SIGKILL, so children and
 * grandchildren die with it; a grandchild that merely keeps the output pipes open after the
 * command exited does not hold the result back.
 *
 * @example
 * const r = await runProcess({ argv: ['/bin/sh', '-c', 'echo hi'], env: { PATH: '/usr/bin:/bin' } });
 * r.stdout; // 'hi\n'
 */
export function runProcess(options: RunProcessOptions): Promise<ProcessResult> {
  const cap = options.maxOutputBytes ?? OUTPUT_CAP_BYTES;
  const stdout = new OutputTail(cap);
  const stderr = new OutputTail(cap);
  return new Promise((resolve) => {
    let timedOut = false;
    let error: string | null = null;
    let exitCode: number | undefined;
    let settled = false;
    const argv = [...(options.launcher ?? []), ...options.argv];
    const child = spawn(argv[0], argv.slice(1), {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) options.tracker?.started(child.pid);
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = options.timeoutMs !== undefined && options.timeoutMs > 0 ? setTimeout(() => ((timedOut = true), killGroup()), timerDelay(options.timeoutMs)) : undefined;
    const onAbort = () => {
      error ??= 'command cancelled';
      killGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.pid !== undefined) options.tracker?.ended(child.pid);
      options.signal?.removeEventListener('abort', onAbort);
      child.stdout!.destroy();
      child.stderr!.destroy();
      const budget = splitBudget(stdout.total, stderr.total, cap);
      resolve({
        ...(exitCode === undefined ? {} : { exitCode }),
        timedOut,
        stdout: stdout.text(budget.stdout),
        stderr: stderr.text(budget.stderr),
        error,
        truncated: stdout.total + stderr.total > cap,
      });
    };
    child.once('error', (err) => {
      error = err.message;
      finish();
    });
    child.once('exit', (code) => {
      if (code !== null) exitCode = code;
      setTimeout(finish, DRAIN_AFTER_EXIT_MS).unref();
    });
    child.once('close', finish);
  });
}
