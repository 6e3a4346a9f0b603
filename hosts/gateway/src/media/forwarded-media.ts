import { OpenClawError } from '@openclaw-nodes/core/errors';
import { MAX_PAYLOAD_DEPTH, parseJsonBounded } from '@openclaw-nodes/core/protocol';
import type { InvokeResultParams } from '../invoke/invoke-router.js';
import type { NodeSession } from '../registry/node-session.js';
import { gatewayMedia } from './gateway-media-url.js';
import { checkNodeMedia } from './media-result.js';
import type { MediaStore } from './media-store.js';
import { qualifiedMediaUrl } from './media-urls.js';

/** A forwarded call's result as the node's member sends it back: qualified, or refused. */
export interface ForwardedResult {
  params: InvokeResultParams;
  /** The media check failed here: the caller's member fails the call with this. */
  refused?: OpenClawError;
}

/**
 * A local node's result for a call another member forwarded, as it goes back: media it names
 * is checked against this member's store as for a local call (only media it uploaded for this
 * very call), then its url rewritten to name this member (`/v1/media/<member>.<id>`) so the
 * caller's member can serve or pull it. A url the node wrote in that form itself is not in the
 * store and so is refused. Payloads that do not parse go on as they are: the caller's member
 * fails them as it fails a local node's.
 */
export function forwardedResult(store: MediaStore, memberId: string, session: NodeSession, params: InvokeResultParams): ForwardedResult {
  if (!params.ok) return { params };
  let payload: unknown = params.payload;
  if (typeof params.payloadJSON === 'string') {
    try {
      payload = parseJsonBounded(params.payloadJSON, MAX_PAYLOAD_DEPTH, "the node's payloadJSON");
    } catch {
      return { params };
    }
  }
  const media = gatewayMedia(payload);
  if (!media) return { params };
  try {
    checkNodeMedia(store, session, { invokeId: params.id, payload, payloadJSON: null });
  } catch (err) {
    return { params, refused: OpenClawError.from(err) };
  }
  const stored = store.lookup(media.url)!;
  return { params: { id: params.id, nodeId: params.nodeId, ok: true, payloadJSON: JSON.stringify({ ...media, url: qualifiedMediaUrl(memberId, stored.id) }) } };
}
