import JSON5 from 'json5';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { readBoundedFile } from '@openclaw-nodes/core/store';

/** The largest config file read, bytes: far more than any real one, and bounded all the same. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

interface Json5SyntaxError extends SyntaxError {
  lineNumber?: number;
  columnNumber?: number;
}

/**
 * Parses config text as JSON5 (comments, trailing commas, unquoted keys). A blank file is
 * an empty config. Syntax errors become `CONFIG_PARSE_ERROR` naming the file, line and column.
 *
 * @example
 * parseJson5('{ gateway: { port: 18790, }, // local\n}', 'openclaw.json');
 */
export function parseJson5(text: string, file: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON5.parse(text);
  } catch (err) {
    const syntax = err as Json5SyntaxError;
    const line = syntax.lineNumber ?? 1;
    const column = syntax.columnNumber ?? 1;
    // json5 words its messages "JSON5: invalid character 'x' at 3:5"; keep only the reason.
    const reason = String(syntax.message).replace(/^JSON5:\s*/, '').replace(/\s+at \d+:\d+$/, '');
    throw new OpenClawError('CONFIG_PARSE_ERROR', `Config file ${file} is not valid JSON5: ${reason} at line ${line}, column ${column}.`, {
      details: { path: file, line, column },
      cause: err,
    });
  }
}

/**
 * Reads and parses a config file; `undefined` when it does not exist. It is read only when it
 * is a regular file of at most `MAX_CONFIG_BYTES` (a FIFO or a link to a device never stalls
 * the reader), else CONFIG_PARSE_ERROR says what is wrong.
 */
export async function readJson5File(file: string): Promise<unknown> {
  const read = readBoundedFile(file, MAX_CONFIG_BYTES);
  if ('missing' in read) return undefined;
  if ('problem' in read) throw new OpenClawError('CONFIG_PARSE_ERROR', `Cannot read config file: ${read.problem}.`, { details: { path: file } });
  return parseJson5(read.bytes.toString('utf8'), file);
}
