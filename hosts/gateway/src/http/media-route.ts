import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { MediaRouteSpec } from '@openclaw-nodes/core/plugin';
import { defineRoute, type ApiRoute } from './api-route.js';
import { mediaResponse, remoteMediaResponse } from './media-fetch-route.js';
import { mediaRequest } from './media-request.js';
import { decodeMediaPayload, remoteMediaPayload, storedMediaPayload } from './media-payload.js';
import { targetNode } from './node-target.js';

/** A media route (a capability's gateway side declares them; see `MediaRouteSpec`). */
export type MediaRoute = MediaRouteSpec;

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
    handle: async ({ ctx, path, query, call, c }) => {
      // Before the first await: the request's hang-up signal sees only a client leaving after this.
      const request = mediaRequest(c);
      const nodeId = targetNode(ctx, path.node);
      const outcome = (await call('node.invoke', { nodeId, command: media.command, params: query, idempotencyKey: randomUUID(), timeoutMs: media.timeoutMs })) as { payload: unknown };
      const nameOf = (format: string) => `${media.path.replace(/\//g, '-')}.${format === 'jpeg' ? 'jpg' : format}`;
      // Out of band on another cluster member: pulled from it as the client reads.
      const remote = await remoteMediaPayload(ctx.cluster?.media, outcome.payload, media.formats);
      if (remote) return remoteMediaResponse(ctx.media, ctx.cluster!.media, remote.held, request, nameOf(remote.format), `${media.kind}/${remote.format}`);
      const stored = await storedMediaPayload(ctx.media, outcome.payload, media.formats);
      if (stored) return mediaResponse(ctx.media, { ...stored.media, contentType: `${media.kind}/${stored.format}` }, request, nameOf(stored.format));
      const { format, bytes } = decodeMediaPayload(outcome.payload, media.formats);
      const name = nameOf(format);
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
