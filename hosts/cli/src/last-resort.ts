import { describeThrownWithStack } from '@openclaw-nodes/core/errors';
/**
 * The process-wide answer to a failure nothing else caught. Every path that handles peer
 * input catches its own errors and answers with a code; these handlers exist so that a bug
 * we missed still ends in a decision instead of Node's default exit:
 *
 * - An unhandled **rejection** is one asynchronous task that failed after its caller moved
 *   on; nothing was left half-changed by an unwinding stack. Long-running hosts (gateway,
 *   node host) log it with its stack and keep serving every other peer. A one-shot command
 *   logs it and exits with `EXIT_INTERNAL_ERROR`, since its result can no longer be trusted.
 * - An uncaught **exception** unwound synchronously through code that may have been half-way
 *   through a change. Every process logs it and exits with `EXIT_INTERNAL_ERROR`, so a
 *   supervisor restarts a clean one rather than one in an unknown state.
 */

/** EX_SOFTWARE from sysexits.h: an internal error, distinct from a command's own failure (1). */
export const EXIT_INTERNAL_ERROR = 70;

export interface LastResortOptions {
  /** The prefix of the log line: `gateway`, `node-host`, `openclaw`. */
  label: string;
  /** Keep running after an unhandled rejection (long-running hosts). */
  keepRunning: boolean;
  /**
   * Writes the report instead of a `[label] error:` line on stderr: long-running hosts pass
   * their logger, so the report is one more log line (JSON when that is the format).
   */
  report?: (message: string, reason: unknown) => void;
}

/** The parts of `process` used, so a test can hand in its own. */
export interface LastResortProcess {
  on(event: 'unhandledRejection' | 'uncaughtException', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection' | 'uncaughtException', listener: (reason: unknown) => void): unknown;
  exit(code: number): void;
  stderr: { write(text: string): unknown };
}

let uninstallCurrent: (() => void) | undefined;

/**
 * Installs the handlers, replacing any installed before (the CLI installs the one-shot kind
 * at start; `gateway run` and `node run` switch to the long-running kind). Returns the
 * function that removes them.
 *
 * @example
 * installLastResortHandlers({ label: 'gateway', keepRunning: true });
 */
export function installLastResortHandlers(options: LastResortOptions, proc: LastResortProcess = process): () => void {
  uninstallCurrent?.();
  const log = (what: string, reason: unknown, outcome: string) =>
    options.report ? options.report(`${what} (${outcome})`, reason) : proc.stderr.write(`[${options.label}] error: ${what} (${outcome}): ${describeThrownWithStack(reason)}\n`);
  const onRejection = (reason: unknown) => {
    if (options.keepRunning) {
      log('unhandled promise rejection', reason, 'kept running');
      return;
    }
    log('unhandled promise rejection', reason, `exiting with code ${EXIT_INTERNAL_ERROR}`);
    proc.exit(EXIT_INTERNAL_ERROR);
  };
  const onException = (err: unknown) => {
    log('uncaught exception', err, `exiting with code ${EXIT_INTERNAL_ERROR}`);
    proc.exit(EXIT_INTERNAL_ERROR);
  };
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  const uninstall = () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
    if (uninstallCurrent === uninstall) uninstallCurrent = undefined;
  };
  uninstallCurrent = uninstall;
  return uninstall;
}

