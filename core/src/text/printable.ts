/**
 * Characters a peer's text (a node's name, a command, a plugin status, a remote error) must
 * never carry to an operator's terminal, log or page: C0 and C1 controls and DEL (escape
 * sequences, carriage returns, bells), line and paragraph separators, and the invisible
 * formatting characters that reorder or hide text — the Arabic letter mark, zero-width
 * space, left-to-right and right-to-left marks, embeddings and overrides, isolates, invisible
 * operators and the byte-order mark.
 */
const UNSAFE_RANGES = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u180e\\u200b\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb';

/** Every unsafe character (global). */
export const UNSAFE_TEXT = new RegExp(`[${UNSAFE_RANGES}]`, 'g');

/**
 * The unsafe characters beyond C0, for whole JSON log lines: JSON already escapes C0, and
 * the line's own newline must stay.
 */
export const UNSAFE_BEYOND_C0 = new RegExp(`[${UNSAFE_RANGES.replace('\\u0000-\\u001f', '')}]`, 'g');

/**
 * `text` with every unsafe character shown as `?`: what a node, a plugin package or a remote
 * gateway reports must never drive the operator's terminal, nor show a command reordered.
 *
 * @example
 * printable('1.0.0\u001b[31m'); // '1.0.0?[31m'
 * printable('evil\u202egpj.exe'); // 'evil?gpj.exe'
 */
export function printable(text: string): string {
  return text.replace(UNSAFE_TEXT, '?');
}

/** `text` with every unsafe character (or, with `beyondC0`, every one but C0) as a `\uXXXX` escape. */
export function escapeUnsafe(text: string, beyondC0 = false): string {
  return text.replace(beyondC0 ? UNSAFE_BEYOND_C0 : UNSAFE_TEXT, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
