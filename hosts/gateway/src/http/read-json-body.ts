import type { Context } from 'hono';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { MAX_JSON_DEPTH, parseJsonBounded } from '@openclaw-nodes/core/protocol';

/**
 * The request body as JSON; an empty body reads as `undefined`.
 * @throws OpenClawError `PAYLOAD_TOO_DEEP` past `MAX_JSON_DEPTH` levels, `INVALID_REQUEST` for invalid JSON.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return parseJsonBounded(text, MAX_JSON_DEPTH, 'request body');
  } catch (err) {
    if (err instanceof OpenClawError) throw err;
    throw new OpenClawError('INVALID_REQUEST', `request body is not valid JSON: ${(err as Error).message}`, { details: { reason: 'malformed-json' } });
  }
}
