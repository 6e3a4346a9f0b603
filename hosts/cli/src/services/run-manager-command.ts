import { execFile } from 'node:child_process';
import { OpenClawError } from '@openclaw-nodes/core/errors';

/** How a manager command ended; `missing` when the program itself does not exist. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
  missing?: boolean;
}

/** Runs `program args` and reports how it ended; never throws for a non-zero exit. */
export type CommandRunner = (program: string, args: string[]) => Promise<CommandResult>;

// A service manager answers in well under a second; one that hangs must not hang the CLI.
const TIMEOUT_MS = 15_000;
const MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Runs a service manager's command (`systemctl`, `journalctl`, `launchctl`, `schtasks`)
 * without a shell, for at most 15 s and 1 MiB of output.
 *
 * @example
 * const { code, stdout } = await runManagerCommand('systemctl', ['--user', 'is-active', 'openclaw-node.service']);
 */
export const runManagerCommand: CommandRunner = (program, args) =>
  new Promise((resolve) => {
    execFile(program, args, { timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' }, (err, stdout, stderr) => {
      const failure = err as (NodeJS.ErrnoException & { code?: unknown; killed?: boolean }) | null;
      if (failure?.code === 'ENOENT') return resolve({ code: 127, stdout: '', stderr: `${program}: not found`, missing: true });
      const code = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : 1;
      const timedOut = failure?.killed === true ? `${program} did not answer within ${TIMEOUT_MS / 1000} s` : '';
      resolve({ code, stdout, stderr: [stderr, timedOut].filter(Boolean).join('\n') });
    });
  });

/**
 * Runs a manager command that must succeed: SERVICE_COMMAND_FAILED with the command and
 * its output otherwise (SERVICE_MANAGER_UNAVAILABLE when the program is missing).
 */
export async function mustRun(run: CommandRunner, program: string, args: string[]): Promise<string> {
  const result = await run(program, args);
  if (result.missing) throw new OpenClawError('SERVICE_MANAGER_UNAVAILABLE', `${program} is not installed on this machine, so no service manager can be driven.`);
  if (result.code !== 0) {
    const output = (result.stderr || result.stdout).trim().slice(0, 2_000);
    throw new OpenClawError('SERVICE_COMMAND_FAILED', `\`${[program, ...args].join(' ')}\` failed (exit ${result.code})${output ? `: ${output}` : ''}`);
  }
  return result.stdout;
}
