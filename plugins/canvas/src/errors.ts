import { OpenClawError, type ErrorCode, type OpenClawErrorOptions } from '@openclaw-nodes/core/errors';
import type { A2uiCheck } from './a2ui-messages.js';

/** The codes the canvas plugin raises (all listed in core's one code list). */
export type CanvasErrorCode = Extract<
  ErrorCode,
  | 'NODE_BACKGROUND_UNAVAILABLE'
  | 'CANVAS_UNAVAILABLE'
  | 'CANVAS_TARGET_INVALID'
  | 'CANVAS_NAVIGATION_FAILED'
  | 'CANVAS_EVAL_FAILED'
  | 'CANVAS_SNAPSHOT_FAILED'
  | 'A2UI_INVALID_MESSAGE'
  | 'A2UI_UNSUPPORTED_VERSION'
  | 'A2UI_HOST_UNAVAILABLE'
>;

/**
 * A coded canvas error whose message leads with its code, the token clients match on
 * (COMMANDS.md 1.2): `CANVAS_EVAL_FAILED: ReferenceError: nope is not defined`.
 */
export function canvasError(code: CanvasErrorCode, text: string, options?: OpenClawErrorOptions): OpenClawError {
  return new OpenClawError(code, `${code}: ${text}`, options);
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
