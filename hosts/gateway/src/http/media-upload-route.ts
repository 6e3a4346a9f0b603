import type { Hono } from 'hono';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayContext } from '../gateway-context.js';
import { MEDIA_URL_PREFIX } from '../media/media-urls.js';
import { authenticateNodeRequest } from './bearer-auth.js';
import { errorResponse, toHttpError } from './error-response.js';
import type { HttpEnv } from './http-env.js';

/** Where nodes `PUT` out-of-band media; the slot id (from `node.media.upload`) follows. */
export const NODE_MEDIA_UPLOAD_PREFIX = '/node/media/';

/**
 * `PUT /node/media/:slot`: a node streams one media file into the slot it was given for a
 * running invoke. Outside `/v1` on purpose: nodes authenticate with their node device token,
 * not as operators, and the body is not held to the 1 MiB JSON limit but to the slot's size.
 * Answers 201 `{url, bytes, expiresAtMs}`; the url goes into the invoke result.
 */
export function mountMediaUpload(app: Hono<HttpEnv>, ctx: GatewayContext): void {
  app.put(`${NODE_MEDIA_UPLOAD_PREFIX}:slot`, async (c) => {
    try {
      const nodeId = authenticateNodeRequest(ctx, c);
      const length = c.req.header('content-length');
      const declared = length !== undefined && /^\d{1,15}$/.test(length) ? Number(length) : undefined;
      const stored = await ctx.media.upload(c.req.param('slot'), nodeId, declared, c.env.incoming);
      return c.json({ url: MEDIA_URL_PREFIX + stored.id, bytes: stored.bytes, expiresAtMs: stored.expiresAtMs }, 201);
    } catch (err) {
      // A refused body may be partly unread: the connection cannot carry another request.
      c.header('Connection', 'close');
      return errorResponse(c, toHttpError(err instanceof OpenClawError ? err : OpenClawError.from(err, 'INVALID_REQUEST')));
    }
  });
}
