import { OpenClawError } from '@openclaw-nodes/core/errors';
import { findShellWrapper, formatArgv } from '@openclaw-nodes/core/exec';

/** A validated command: its argv and the text people see for it (events, approvals). */
export interface CommandRequest {
  readonly argv: readonly string[];
  readonly commandText: string;
}

/**
 * Checks that `rawCommand`, when given, says the same as `command` (COMMANDS.md 2.1): the
 * script of a shell wrapper, or the formatted argv. A caller must not be able to show one
 * command for approval and run another.
 *
 * @throws OpenClawError `INVALID_REQUEST` with `details.code` `RAW_COMMAND_MISMATCH`.
 *
 * @example
 * checkCommandRequest(['/bin/sh', '-lc', 'uname -a'], 'uname -a').commandText; // 'uname -a'
 */
export function checkCommandRequest(argv: readonly string[], rawCommand: string | undefined): CommandRequest {
  const script = findShellWrapper(argv)?.script;
  const formatted = formatArgv(argv);
  const raw = rawCommand?.trim();
  if (raw) {
    if (raw !== script?.trim() && raw !== formatted) {
      throw new OpenClawError('INVALID_REQUEST', 'INVALID_REQUEST: rawCommand does not match command', { details: { code: 'RAW_COMMAND_MISMATCH' } });
    }
    return { argv, commandText: raw };
  }
  return { argv, commandText: script ?? formatted };
}
