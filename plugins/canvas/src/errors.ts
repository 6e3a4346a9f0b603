import { OpenClawError, defineErrorCodes, errorFactory, type OpenClawErrorOptions } from '@openclaw-nodes/core/errors';
import type { A2uiCheck } from './a2ui-messages.js';

/**
 * The error codes the canvas plugin owns, declared beside its commands (README.md lists them;
 * a test keeps the two in sync). Clients match on each: it leads the message (COMMANDS.md 1.2).
 */
export const canvasErrorCodes = defineErrorCodes({
  CANVAS_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503, matchable: true, summary: 'The canvas browser (Chromium) is missing or could not be started.' },
  CANVAS_TARGET_INVALID: { wire: 'INVALID_REQUEST', status: 400, matchable: true, summary: 'A canvas URL or path is not http(s), file or an existing local file.' },
  CANVAS_NAVIGATION_FAILED: { wire: 'UNAVAILABLE', status: 502, matchable: true, summary: 'The canvas could not load the page.' },
  CANVAS_EVAL_FAILED: { wire: 'INVALID_REQUEST', status: 422, matchable: true, summary: 'The script given to canvas.eval threw or did not finish in time.' },
  CANVAS_SNAPSHOT_FAILED: { wire: 'UNAVAILABLE', status: 500, matchable: true, summary: 'The canvas could not be captured or encoded.' },
  A2UI_INVALID_MESSAGE: { wire: 'INVALID_REQUEST', status: 400, matchable: true, summary: 'An A2UI message or JSONL line is not a valid v0.8 message.' },
  A2UI_UNSUPPORTED_VERSION: { wire: 'INVALID_REQUEST', status: 400, matchable: true, summary: 'A2UI v0.9 (createSurface) was sent; only v0.8 is supported.' },
  A2UI_HOST_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503, matchable: true, summary: 'The A2UI renderer page did not become ready in the canvas.' },
});

/** The codes the canvas plugin raises: its own, and core's code for a node without a display. */
export type CanvasErrorCode = keyof typeof canvasErrorCodes | 'NODE_BACKGROUND_UNAVAILABLE';

/** A canvas error with the message as given (the CLI's A2UI checks word their own). */
export const canvasCodedError = errorFactory(canvasErrorCodes);

/**
 * A coded canvas error whose message leads with its code, the token clients match on
 * (COMMANDS.md 1.2): `CANVAS_EVAL_FAILED: ReferenceError: nope is not defined`.
 */
export function canvasError(code: CanvasErrorCode, text: string, options?: OpenClawErrorOptions): OpenClawError {
  const message = `${code}: ${text}`;
  return code === 'NODE_BACKGROUND_UNAVAILABLE' ? new OpenClawError(code, message, options) : canvasCodedError(code, message, options);
}

/**
 * Turns a failed A2UI check into one error: v0.9 input wins (the fix is a different format,
 * not a typo), otherwise every problem is listed. `unit` names what the index counts.
 */
export function a2uiCheckError(check: A2uiCheck, unit: 'A2UI JSONL line' | 'A2UI message'): OpenClawError | undefined {
  if (check.problems.length === 0) return undefined;
  const shown = check.v09.length > 0 ? check.problems.filter((p) => check.v09.includes(p.index)) : check.problems;
  const text = shown
    .slice(0, 10)
    .map((p) => `${unit} ${p.index}: ${p.message}`)
    .join('; ');
  const more = shown.length > 10 ? ` (and ${shown.length - 10} more)` : '';
  const code = check.v09.length > 0 ? 'A2UI_UNSUPPORTED_VERSION' : 'A2UI_INVALID_MESSAGE';
  return canvasError(code, `${text}${more}`, { details: { problems: shown.slice(0, 50) } });
}
