import { OpenClawError } from '@openclaw-nodes/core/errors';
import { printable } from './format/table.js';

export interface RunActionOptions {
  /** Report a failure as `{"ok":false,"error":{"code","message","details"?}}` on stdout instead. */
  json?: boolean;
  /**
   * Prefix the message with `<label> failed: ` (default). `config` commands print the bare
   * message, as the reference CLI does (`Config path not found: <path>`).
   */
  prefix?: boolean;
  /**
   * Exit once the action is done and its output written: it ran plugin code, whose timers,
   * sockets or never-settling imports must not keep a one-shot command from ending.
   */
  exitWhenDone?: boolean;
}

/**
 * Runs a command action and turns any failure into the CLI's error output: the message on
 * stderr (red on a terminal) and exit code 1. Never rethrows, so commander prints no stack.
 *
 * @example
 * program.command('status').action(() => runAction('nodes status', async () => { ... }));
 * // on failure: "nodes status failed: unknown node: foo" and exit code 1
 */
export async function runAction(label: string, fn: () => Promise<void>, options: RunActionOptions = {}): Promise<void> {
  await report(label, fn, options);
  if (options.exitWhenDone === true) await exitAfterOutput();
}

async function report(label: string, fn: () => Promise<void>, options: RunActionOptions): Promise<void> {
  try {
    await fn();
  } catch (err) {
    process.exitCode = 1;
    const error = OpenClawError.from(err);
    if (options.json) {
      // `details` carry what a script needs to act on (`nodeError`, `originalCode`).
      const details = error.details === undefined ? {} : { details: error.details };
      process.stdout.write(`${JSON.stringify({ ok: false, error: { code: error.code, message: error.message, ...details } })}\n`);
      return;
    }
    // Messages can quote a node or a remote gateway: shown printable, line by line.
    const text = error.message.split('\n').map(printable).join('\n');
    const message = options.prefix === false ? text : `${label} failed: ${text}`;
    process.stderr.write(`${red(message)}\n`);
  }
}

/**
 * Exits with the command's exit code once stdout and stderr have taken everything written to
 * them: for one-shot commands that ran plugin code, whose stray timers must not hold them open.
 */
export async function exitAfterOutput(): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  process.exit(process.exitCode ?? 0);
}

function red(text: string): string {
  const colour = process.stderr.isTTY === true && process.env.NO_COLOR === undefined;
  return colour ? `\u001b[31m${text}\u001b[39m` : text;
}
