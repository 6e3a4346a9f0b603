import { OpenClawError } from '../errors/openclaw-error.js';
import type { ErrorCode } from '../errors/codes.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Whether the JSON text nests arrays and objects more than `maxDepth` levels deep (`[]` is one
 * level, `1` none). Meant to run before `JSON.parse`: one pass over the text that jumps over
 * strings with `indexOf`, so a 25 MiB frame of base64 costs little. The answer is only
 * meaningful for valid JSON; invalid text is left for the parser to refuse.
 *
 * @example
 * if (jsonTextTooDeep(text, MAX_JSON_DEPTH)) throw tooDeep('frame', MAX_JSON_DEPTH);
 */
export function jsonTextTooDeep(text: string, maxDepth: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = closingQuote(text, i);
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
  }
  return false;
}

/** Index of the quote that ends the string opening at `start` (the text's end if none does). */
function closingQuote(text: string, start: number): number {
  let i = start;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(i - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
}

/**
 * Whether a value nests arrays and objects more than `maxDepth` levels deep, counted as
 * `jsonTextTooDeep` does. Walks with its own stack, so it cannot overflow the call stack
 * itself, and stops at the first branch past the limit (a cycle is such a branch).
 */
export function valueTooDeep(value: unknown, maxDepth: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > maxDepth) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The coded refusal of JSON nested past a limit. `what` names the thing for the person
 * reading the message ("the node's payloadJSON", "request body").
 */
export function tooDeep(what: string, maxDepth: number): OpenClawError {
  return new OpenClawError('PAYLOAD_TOO_DEEP', `${what} is nested more than ${maxDepth} levels deep; flatten it`, {
    details: { maxDepth },
  });
}

/**
 * `JSON.parse` with a depth bound checked first.
 *
 * @throws OpenClawError `PAYLOAD_TOO_DEEP` past `maxDepth`; `SyntaxError` for invalid JSON, so
 * callers keep their own answer to that.
 *
 * @example
 * const params = parseJsonBounded(req.paramsJSON, MAX_PAYLOAD_DEPTH, 'paramsJSON');
 */
export function parseJsonBounded(text: string, maxDepth: number, what: string): unknown {
  if (jsonTextTooDeep(text, maxDepth)) throw tooDeep(what, maxDepth);
  return JSON.parse(text);
}

/**
 * `JSON.stringify` that fails with a coded error instead of a bare `RangeError`/`TypeError`:
 * `PAYLOAD_TOO_DEEP` when the value nests deeper than the stack allows, `code` (default
 * `INTERNAL_ERROR`) for anything else JSON cannot hold (a cycle, a BigInt, a `toJSON` that
 * throws, a string past V8's size limit), with a plain message naming `what`.
 */
export function stringifyJson(value: unknown, what: string, code: ErrorCode = 'INTERNAL_ERROR'): string {
  try {
    return JSON.stringify(value);
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      throw new OpenClawError('PAYLOAD_TOO_DEEP', `${what} is nested too deeply to be encoded as JSON`, { cause: err });
    }
    // The engine's text (`Converting circular structure ... --> starting at object with constructor`) helps nobody reading an error.
    throw new OpenClawError(code, `${what} could not be encoded as JSON: it holds a cycle, a BigInt, a value whose toJSON throws, or text too long`, { cause: err });
  }
}
