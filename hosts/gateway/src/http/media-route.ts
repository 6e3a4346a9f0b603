import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { defineRoute, type ApiRoute } from './api-route.js';
import { decodeMediaPayload } from './media-payload.js';
import { targetNode } from './node-target.js';

/**
 * A command whose result is media (`{format, base64}`), served as bytes at
 * `GET /v1/nodes/:node/<path>?<query>`. Capabilities add theirs from their gateway side;
 * the query schema is validated and documented like any other route's.
 *
 * @example
 * const snapshot: MediaRoute = {
 *   path: 'canvas/snapshot', command: 'canvas.snapshot', kind: 'image', formats: ['png', 'jpeg'],
 *   summary: 'Capture the canvas', query: z.strictObject({ format: z.enum(['png', 'jpeg']).optional() }),
 * };
 */
export interface MediaRoute {
  /** Under `/v1/nodes/:node/`, e.g. `canvas/snapshot`. */
  readonly path: string;
  readonly command: string;
  readonly summary: string;
  /** Query string to command params: a zod object over strings (use `z.coerce` for numbers). */
  readonly query: z.ZodType;
  /** The answer is `<kind>/<format>`. */
  readonly kind: 'image' | 'video' | 'audio';
  /** Formats the command answers with (`jpeg`, not `jpg`). */
  readonly formats: readonly string[];
  readonly timeoutMs?: number;
}

const byNode = z.strictObject({ node: z.string().min(1).describe('Node id, id prefix (6+ characters), display name or IP') });
const PATH = /^[a-z0-9-]+(?:\/[a-z0-9-]+)*$/;

/** The API route serving one media route: invoke as the caller, decode, answer the bytes. */
export function mediaApiRoute(media: MediaRoute): ApiRoute {
  if (!PATH.test(media.path)) throw new OpenClawError('PLUGIN_INVALID', `media route path "${media.path}" must be lowercase words separated by "/"`);
  if (media.path === 'invoke') throw new OpenClawError('PLUGIN_INVALID', 'media route path "invoke" is taken by POST /v1/nodes/:node/invoke');
  return defineRoute({
    verb: 'GET',
    path: `/v1/nodes/:node/${media.path}`,
    tag: 'media',
    summary: media.summary,
    description: `Invokes \`${media.command}\` and answers its media as bytes; query fields become the command's params.`,
    rpc: 'node.invoke',
    params: byNode,
    query: media.query,
    produces: media.formats.map((f) => `${media.kind}/${f}`),
    handle: async ({ ctx, path, query, call }) => {
      const nodeId = targetNode(ctx, path.node);
      const outcome = (await call('node.invoke', { nodeId, command: media.command, params: query, idempotencyKey: randomUUID(), timeoutMs: media.timeoutMs })) as { payload: unknown };
      const { format, bytes } = decodeMediaPayload(outcome.payload, media.formats);
      const name = `${media.path.replace(/\//g, '-')}.${format === 'jpeg' ? 'jpg' : format}`;
      return new Response(bytes, {
        headers: {
          'Content-Type': `${media.kind}/${format}`,
          'Content-Length': String(bytes.length),
          'Content-Disposition': `inline; filename="${name}"`,
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
        },
      });
    },
  });
}

/** Media routes as API routes, refusing two that claim one path. */
export function mediaApiRoutes(routes: readonly MediaRoute[]): ApiRoute[] {
  const seen = new Set<string>();
  return routes.map((media) => {
    if (seen.has(media.path)) throw new OpenClawError('PLUGIN_INVALID', `media route "${media.path}" is registered twice`);
    seen.add(media.path);
    return mediaApiRoute(media);
  });
}
