import type { Context } from 'hono';
import { OpenClawError } from '@openclaw-nodes/core/errors';

/** The request body as JSON; an empty body reads as `undefined`. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new OpenClawError('INVALID_REQUEST', `request body is not valid JSON: ${(err as Error).message}`, { details: { reason: 'malformed-json' } });
  }
}
