import type { QualifiedMedia } from './media-urls.js';
import type { RemoteMedia, RemoteMediaPull } from './remote-media.js';

/**
 * Bytes `start`..`end` (inclusive, clamped to the file) of media another member holds, read
 * whole; `check` sees the size and type first and may throw to stop before any byte moves.
 * @throws as `RemoteMedia.open`, or whatever `check` throws.
 */
export async function readRemoteMedia(remote: RemoteMedia, held: QualifiedMedia, check: (pull: RemoteMediaPull) => void = () => undefined, start = 0, end = Infinity): Promise<{ bytes: Buffer; contentType: string }> {
  const pull = await remote.open(held.member, held.mediaId);
  try {
    check(pull);
  } catch (err) {
    pull.close();
    throw err;
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of pull.body(start, Math.min(end, pull.bytes - 1)) as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return { bytes: Buffer.concat(chunks), contentType: pull.contentType };
}
