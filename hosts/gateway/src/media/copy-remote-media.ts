import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { mediaTooLargeToRead, type StoredMedia } from '@openclaw-nodes/core/plugin';
import type { MediaStore } from './media-store.js';
import type { QualifiedMedia } from './media-urls.js';
import type { RemoteMedia } from './remote-media.js';

/**
 * Media another cluster member holds, copied into `store` as an upload of the node and call
 * it was uploaded for there: the same slot bounds (per node, in all) and expiry apply.
 * Nothing is copied past `maxBytes` (`PAYLOAD_TOO_LARGE`).
 * @throws as `RemoteMedia.open`; `MEDIA_STORE_FULL` / `PAYLOAD_TOO_LARGE` from the slots;
 *   the pull's error when it fails midway (the partial copy is removed).
 */
export async function copyRemoteMedia(store: MediaStore, remote: RemoteMedia, held: QualifiedMedia, maxBytes = Infinity): Promise<StoredMedia> {
  const pull = await remote.open(held.member, held.mediaId);
  let slotId: string;
  try {
    if (pull.bytes > maxBytes) throw mediaTooLargeToRead(pull.contentType, pull.bytes, maxBytes);
    slotId = store.slots.create(pull.nodeId, pull.invokeId, pull.contentType, pull.bytes).id;
  } catch (err) {
    pull.close();
    throw err;
  }
  const body = Readable.fromWeb(pull.body(0, pull.bytes - 1) as WebReadableStream<Uint8Array>);
  try {
    return await store.upload(slotId, pull.nodeId, pull.bytes, body);
  } finally {
    // Refused before reading (too many uploads at once) or cut short: the pull ends with it.
    body.destroy();
  }
}
