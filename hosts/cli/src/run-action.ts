import { OpenClawError } from '@openclaw-nodes/core/errors';

export interface RunActionOptions {
  /** Report a failure as `{"ok":false,"error":{"code","message"}}` on stdout instead. */
  json?: boolean;
  /**
   * Prefix the message with `<label> failed: ` (default). `config` commands print the bare
   * message, as the reference CLI does (`Config path not found: <path>`).
   */
  prefix?: boolean;
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
  try {
    await fn();
  } catch (err) {
    process.exitCode = 1;
    const error = OpenClawError.from(err);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ok: false, error: { code: error.code, message: error.message } })}\n`);
      return;
    }
    const message = options.prefix === false ? error.message : `${label} failed: ${error.message}`;
    process.stderr.write(`${red(message)}\n`);
  }
}

function red(text: string): string {
  const colour = process.stderr.isTTY === true && process.env.NO_COLOR === undefined;
  return colour ? `\u001b[31m${text}\u001b[39m` : text;
}
