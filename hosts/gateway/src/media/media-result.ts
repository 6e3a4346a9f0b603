import { OpenClawError } from '@openclaw-nodes/core/errors';
import { readInline } from '@openclaw-nodes/core/plugin';
import { MAX_PAYLOAD_BYTES } from '@openclaw-nodes/core/protocol';
import type { InvokeOutcome } from '../invoke/invoke-router.js';
import { inlineBudget, TOO_LARGE_HINT } from '../methods/invoke-answer-size.js';
import type { Caller } from '../methods/method-spec.js';
import { isRemote } from '../cluster/remote-node.js';
import type { NodeSession } from '../registry/node-session.js';
import { MEDIA_URL_PREFIX, type MediaStore } from './media-store.js';
import { qualifiedUrl } from './qualified-media.js';
import type { RemoteMedia } from './remote-media.js';

type Media = Record<string, unknown> & { url: string };

/** Rounds of decoding a url path: enough for any double encoding a server would undo. */
const MAX_DECODE_ROUNDS = 4;

/**
 * The path `url` names, as a lenient server would route it: percent-decoded (repeatedly),
 * backslashes as slashes, dot segments resolved, repeated slashes collapsed, lower case.
 * Undefined when it is no URL at all.
 */
function routedPath(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url, 'http://gateway.invalid').pathname;
  } catch {
    return undefined;
  }
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      decoded = path;
    }
    // A decoded `?` or `#` stays part of the path, as it does for a router that decoded it.
    const plain = decoded.replace(/\\/g, '/').replace(/\/{2,}/g, '/').replace(/\?/g, '%3F').replace(/#/g, '%23');
    const next = new URL(plain, 'http://gateway.invalid').pathname;
    if (next === path) break;
    path = next;
  }
  return path.toLowerCase();
}

/**
 * A result whose `url` routes to this gateway's media (`/v1/media/...`), in any form:
 * relative, absolute on some host (our CLI would resolve that against its own gateway),
 * percent-encoded, doubled slashes or another case, since the router decodes before matching.
 */
export function gatewayMedia(payload: unknown): Media | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const url = (payload as { url?: unknown }).url;
  if (typeof url !== 'string') return undefined;
  const path = routedPath(url);
  return path !== undefined && path.startsWith(MEDIA_URL_PREFIX) ? (payload as Media) : undefined;
}

/**
 * A node may name only media it uploaded for this very call, as the upload answered it
 * (`/v1/media/<id>`): a media url that is another node's, another call's, expired, or
 * dressed up as absolute would hand the caller someone else's file. A node on another
 * cluster member may name only media that member holds (`/v1/media/<member>.<id>`, written by
 * that member after the same check there). Throws `MEDIA_PAYLOAD_INVALID`. URLs elsewhere
 * (a phone's own https URL) pass as they are.
 */
export function checkNodeMedia(store: MediaStore, session: NodeSession, outcome: InvokeOutcome): void {
  const media = gatewayMedia(outcome.payload);
  if (!media) return;
  if (isRemote(session) ? qualifiedUrl(media.url)?.member === session.member : ownMedia(store, session.nodeId, outcome.invokeId, media.url)) return;
  throw mediaNotUploaded(media.url);
}

/** The `MEDIA_PAYLOAD_INVALID` a result naming media its node did not upload for the call gets. */
export const mediaNotUploaded = (url: string): OpenClawError =>
  new OpenClawError('MEDIA_PAYLOAD_INVALID', 'the node answered with a media url it did not upload for this call (or that expired)', { details: { url } });

const ownMedia = (store: MediaStore, nodeId: string, invokeId: string, url: string): boolean => {
  const stored = store.lookup(url);
  return stored !== undefined && stored.nodeId === nodeId && stored.invokeId === invokeId;
};

/**
 * The result as `caller` can use it: unchanged for a client that fetches gateway urls
 * itself; otherwise the media inlined as `base64` within half a frame (the answer carries it
 * as `payload` and again in `payloadJSON`), or `PAYLOAD_TOO_LARGE` with the size. Media
 * another cluster member holds is pulled from it through `remote` (its size checked first).
 */
export async function mediaForCaller(store: MediaStore, caller: Caller, payload: unknown, remote?: RemoteMedia): Promise<unknown> {
  const media = gatewayMedia(payload);
  if (!media || caller.mediaUrls) return payload;
  const { url: _url, ...rest } = media;
  const held = qualifiedUrl(media.url);
  if (held && remote) {
    const pull = await remote.open(held.member, held.mediaId);
    try {
      checkInlineBudget(caller, pull.bytes, pull.contentType);
    } catch (err) {
      pull.close();
      throw err;
    }
    return { ...rest, base64: (await readAll(pull.body(0, pull.bytes - 1))).toString('base64') };
  }
  const stored = store.lookup(media.url);
  if (!stored) throw new OpenClawError('MEDIA_NOT_FOUND', `media ${media.url} expired before it could be inlined`);
  checkInlineBudget(caller, stored.bytes, stored.contentType);
  return { ...rest, base64: await readInline(stored.path, stored.contentType, MAX_PAYLOAD_BYTES) };
}

/** @throws OpenClawError `PAYLOAD_TOO_LARGE` when `bytes` as base64 do not fit what `caller` may take inline. */
function checkInlineBudget(caller: Caller, bytes: number, contentType: string): void {
  const budget = Math.min(inlineBudget(caller), MAX_PAYLOAD_BYTES);
  const base64Bytes = Math.ceil(bytes / 3) * 4;
  if (base64Bytes <= budget) return;
  throw new OpenClawError('PAYLOAD_TOO_LARGE', `PAYLOAD_TOO_LARGE: ${contentType} of ${bytes} bytes is ${base64Bytes} bytes as base64, over the ${budget} bytes it may take inline here (the answer carries it twice, as payload and payloadJSON); ${TOO_LARGE_HINT}`, {
    details: { bytes, base64Bytes, limitBytes: budget },
  });
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
