import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describeThrown, OpenClawError } from '@openclaw-nodes/core/errors';

/** The coded error behind a failure: an `OpenClawError` as is, anything else as `INTERNAL_ERROR`. */
export function codedError(err: unknown): OpenClawError {
  return err instanceof OpenClawError ? err : new OpenClawError('INTERNAL_ERROR', describeThrown(err));
}

/**
 * A failure as a tool error (`isError: true`), so the model reads it and can act: the first
 * text is `CODE: message` (the message says what to do), the second the error as JSON with its
 * details (the approval id, the missing scope, the candidates of an ambiguous node, ...).
 */
export function toolError(err: unknown): CallToolResult {
  const e = codedError(err);
  const body = { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}), ...(e.retryable ? { retryable: true } : {}) };
  return { isError: true, content: [{ type: 'text', text: `${e.code}: ${e.message}` }, { type: 'text', text: JSON.stringify({ error: body }) }] };
}
