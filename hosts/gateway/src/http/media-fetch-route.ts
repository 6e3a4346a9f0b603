import { z } from 'zod';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { StoredMedia } from '@openclaw-nodes/core/plugin';
import { fileBody } from '../media/file-body.js';
import type { MediaStore } from '../media/media-store.js';
import { MEDIA_URL_PREFIX, qualifiedSegment, type QualifiedMedia } from '../media/media-urls.js';
import type { RemoteMedia } from '../media/remote-media.js';
import { defineRoute } from './api-route.js';
import { clientGone, mediaRequest, type MediaRequest } from './media-request.js';

const RANGE = /^bytes=(\d{0,15})-(\d{0,15})$/;

/**
 * The bytes of stored media as a streamed response (never read whole), honouring one
 * `Range: bytes=a-b` so a `<video>` element can seek. Counts the fetch in the metrics.
 */
export function mediaResponse(store: MediaStore, stored: StoredMedia, request: MediaRequest, filename = stored.id): Response {
  return rangedResponse(store, stored, request, filename, (start, end) => fileBody(stored.path, start, end, request.response));
}

/**
 * A media response of `media.bytes` bytes whose body (bytes `start`..`end`, inclusive) comes
 * from `body`, called only for a 200 or 206 to a `GET`: a 416 or a `HEAD` takes none (a body
 * the server then drops unread would hold its file, or its pull, open).
 */
export function rangedResponse(store: MediaStore, media: { bytes: number; contentType: string }, request: MediaRequest, filename: string, body: (start: number, end: number) => ReadableStream): Response {
  let start = 0;
  let end = media.bytes - 1;
  const { range } = request;
  const match = range === undefined ? null : RANGE.exec(range.trim());
  if (match && (match[1] !== '' || match[2] !== '')) {
    if (match[1] === '') start = Math.max(media.bytes - Number(match[2]), 0);
    else {
      start = Number(match[1]);
      if (match[2] !== '') end = Math.min(Number(match[2]), end);
    }
    if (start > end) {
      return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${media.bytes}` } });
    }
  }
  const partial = start !== 0 || end !== media.bytes - 1;
  if (!request.head) {
    store.counters.fetches++;
    store.counters.fetchedBytes += end - start + 1;
  }
  return new Response(request.head ? null : body(start, end), {
    status: partial ? 206 : 200,
    headers: {
      'Content-Type': media.contentType,
      'Content-Length': String(end - start + 1),
      'Accept-Ranges': 'bytes',
      ...(partial ? { 'Content-Range': `bytes ${start}-${end}/${media.bytes}` } : {}),
      'Content-Disposition': `inline; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      // A node chose these bytes: whatever they are, they run nothing on the gateway's origin.
      'Content-Security-Policy': "sandbox; default-src 'none'",
    },
  });
}

/**
 * `rangedResponse` for media another cluster member holds, pulled from it as the client reads;
 * `contentType` in place of the type it was uploaded with.
 * @throws as `RemoteMedia.open`.
 */
export async function remoteMediaResponse(store: MediaStore, remote: RemoteMedia, held: QualifiedMedia, request: MediaRequest, filename: string, contentType?: string): Promise<Response> {
  const pull = await remote.open(held.member, held.mediaId, { caller: request.caller, sizeOnly: request.head, signal: request.signal });
  try {
    // Gone while the pull opened: nothing will read a body, so none is made.
    if (clientGone(request)) return new Response(null, { status: 204 });
    return rangedResponse(store, { bytes: pull.bytes, contentType: contentType ?? pull.contentType }, request, filename, (start, end) => pull.body(start, end, request.hangUp));
  } finally {
    pull.close();
  }
}

/**
 * `GET /v1/media/:id`: media a node delivered out of band, for operators with
 * `operator.write` (the scope that could have run the invoke that made it).
 */
export const mediaFetchRoute = defineRoute({
  verb: 'GET',
  path: '/v1/media/:id',
  tag: 'media',
  summary: 'Fetch media a node uploaded for an invoke result (`url` in the result)',
  description: 'Streams the stored file with its Content-Type; supports one `Range: bytes=a-b`. Files expire `gateway.media.ttlMs` after upload. In a cluster, `<member>.<id>` names media another member holds; any member serves it, pulling it from the holder over Redis.',
  scopes: ['operator.write'],
  params: z.strictObject({ id: z.string().describe('Media id, or `<member>.<id>` in a cluster: the last segment of the result `url`') }),
  produces: ['application/octet-stream'],
  handle: async ({ ctx, path, c }) => {
    // `<member>.<id>`: media a cluster member holds; pulled from it over Redis unless that is us.
    const held = qualifiedSegment(path.id);
    if (held && held.member !== ctx.bootId && ctx.cluster) return remoteMediaResponse(ctx.media, ctx.cluster.media, held, mediaRequest(c), path.id);
    const stored = held?.member === ctx.bootId || !held ? ctx.media.lookup(MEDIA_URL_PREFIX + (held?.mediaId ?? path.id)) : undefined;
    if (!stored) throw new OpenClawError('MEDIA_NOT_FOUND', 'no stored media has that id: it expired (gateway.media.ttlMs) or never existed', { details: { id: path.id } });
    return mediaResponse(ctx.media, stored, mediaRequest(c), path.id);
  },
});
