import { OpenClawError } from '@openclaw-nodes/core/errors';
import { readInline } from '@openclaw-nodes/core/plugin';
import { MAX_PAYLOAD_BYTES } from '@openclaw-nodes/core/protocol';
import type { InvokeOutcome } from '../invoke/invoke-router.js';
import { inlineBudget, TOO_LARGE_HINT } from '../methods/invoke-answer-size.js';
import type { Caller } from '../methods/method-spec.js';
import { MEDIA_URL_PREFIX, type MediaStore } from './media-store.js';

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
function gatewayMedia(payload: unknown): Media | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const url = (payload as { url?: unknown }).url;
  if (typeof url !== 'string') return undefined;
  const path = routedPath(url);
  return path !== undefined && path.startsWith(MEDIA_URL_PREFIX) ? (payload as Media) : undefined;
}

/**
 * A node may name only media it uploaded for this very call, as the upload answered it
 * (`/v1/media/<id>`): a media url that is another node's, another call's, expired, or
 * dressed up as absolute would hand the caller someone else's file. Throws
 * `MEDIA_PAYLOAD_INVALID`. URLs elsewhere (a phone's own https URL) pass as they are.
 */
export function checkNodeMedia(store: MediaStore, nodeId: string, outcome: InvokeOutcome): void {
  const media = gatewayMedia(outcome.payload);
  if (!media) return;
  const stored = store.lookup(media.url);
  if (!stored || stored.nodeId !== nodeId || stored.invokeId !== outcome.invokeId) {
    throw new OpenClawError('MEDIA_PAYLOAD_INVALID', 'the node answered with a media url it did not upload for this call (or that expired)', { details: { url: media.url } });
  }
}

/**
 * The result as `caller` can use it: unchanged for a client that fetches gateway urls
 * itself; otherwise the stored media inlined as `base64` within half a frame (the answer
 * carries it as `payload` and again in `payloadJSON`), or `PAYLOAD_TOO_LARGE` with the size.
 */
export async function mediaForCaller(store: MediaStore, caller: Caller, payload: unknown): Promise<unknown> {
  const media = gatewayMedia(payload);
  if (!media || caller.mediaUrls) return payload;
  const stored = store.lookup(media.url);
  if (!stored) throw new OpenClawError('MEDIA_NOT_FOUND', `media ${media.url} expired before it could be inlined`);
  const { url: _url, ...rest } = media;
  const budget = Math.min(inlineBudget(caller), MAX_PAYLOAD_BYTES);
  if (Math.ceil(stored.bytes / 3) * 4 > budget) {
    throw new OpenClawError('PAYLOAD_TOO_LARGE', `PAYLOAD_TOO_LARGE: ${stored.contentType} of ${stored.bytes} bytes is ${Math.ceil(stored.bytes / 3) * 4} bytes as base64, over the ${budget} bytes it may take inline here (the answer carries it twice, as payload and payloadJSON); ${TOO_LARGE_HINT}`, {
      details: { bytes: stored.bytes, base64Bytes: Math.ceil(stored.bytes / 3) * 4, limitBytes: budget },
    });
  }
  return { ...rest, base64: await readInline(stored.path, stored.contentType, MAX_PAYLOAD_BYTES) };
}
