import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { OpenClawError } from '@openclaw-nodes/core/errors';

/**
 * The HTTP face of a coded error: `{"error":{"code","message","details"}}` with the code's
 * status; a lockout also says when to come back (`Retry-After`, seconds).
 *
 * @example
 * return errorResponse(c, new OpenClawError('UNKNOWN_ROUTE', 'no route GET /v1/nope'));
 */
export function errorResponse(c: Context, err: OpenClawError): Response {
  if (err.retryAfterMs !== undefined && err.retryAfterMs > 0) c.header('Retry-After', String(Math.ceil(err.retryAfterMs / 1000)));
  return c.json({ error: { code: err.code, message: err.message, details: err.details ?? {} } }, err.status as ContentfulStatusCode);
}

/** Anything thrown by a handler: a coded error as is, anything else as a 500 that leaks nothing. */
export function toHttpError(err: unknown): OpenClawError {
  if (err instanceof OpenClawError) return err;
  return new OpenClawError('INTERNAL_ERROR', 'internal error', { cause: err });
}
