import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describeThrown, OpenClawError } from '@openclaw-nodes/core/errors';
import { escapeUnsafe } from '@openclaw-nodes/core/printable';
import { quoted } from './peer-text.js';

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
  const message = shownMessage(e);
  const body = { code: e.code, message, ...(e.details ? { details: e.details } : {}), ...(e.retryable ? { retryable: true } : {}) };
  return { isError: true, content: [{ type: 'text', text: `${e.code}: ${message}` }, { type: 'text', text: JSON.stringify({ error: body }) }] };
}

/**
 * The message as shown after `CODE: `: without the code again when the gateway's wire form
 * already starts with it (`DISCONNECTED: node disconnected`), a node's own words quoted
 * (`details.nodeError`), on one line: control and invisible formatting characters (newlines
 * included) become `\uXXXX` escapes, so a model reads it as one error.
 */
function shownMessage(e: OpenClawError): string {
  const nodeError = e.details?.nodeError as { code?: unknown; message?: unknown } | undefined;
  if (nodeError && typeof nodeError.code === 'string' && typeof nodeError.message === 'string') {
    const own = nodeError.message.startsWith(`${nodeError.code}:`) ? nodeError.message.slice(nodeError.code.length + 1).trim() : nodeError.message;
    // The same code: a failure the gateway names (a node gone, a timeout); else the node's own code and words.
    return escapeUnsafe(nodeError.code === e.code ? quoted(own) : `the node answered ${quoted(nodeError.code)}: ${quoted(own)}`);
  }
  return escapeUnsafe(e.message.startsWith(`${e.code}: `) ? e.message.slice(e.code.length + 2) : e.message);
}
