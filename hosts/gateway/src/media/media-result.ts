import { OpenClawError } from '@openclaw-nodes/core/errors';
import { readInline } from '@openclaw-nodes/core/plugin';
import { MAX_PAYLOAD_BYTES } from '@openclaw-nodes/core/protocol';
import type { InvokeOutcome } from '../invoke/invoke-router.js';
import { inlineBudget, TOO_LARGE_HINT } from '../methods/invoke-answer-size.js';
import type { Caller } from '../methods/method-spec.js';
import type { RemoteNodeSession } from '../cluster/remote-node.js';
import type { NodeSession } from '../registry/node-session.js';
import { gatewayMedia } from './gateway-media-url.js';
import type { MediaStore } from './media-store.js';
import { qualifiedUrl } from './media-urls.js';
import type { RemoteMedia } from './remote-media.js';
import { readRemoteMedia } from './remote-media-read.js';

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
  // The member a remote session is on, read without loading the cluster's code (a gateway on its own never does).
  const member = (session as Partial<RemoteNodeSession>).member;
  if (typeof member === 'string' ? qualifiedUrl(media.url)?.member === member : ownMedia(store, session.nodeId, outcome.invokeId, media.url)) return;
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
    const { bytes } = await readRemoteMedia(remote, held, (pull) => checkInlineBudget(caller, pull.bytes, pull.contentType));
    return { ...rest, base64: bytes.toString('base64') };
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
