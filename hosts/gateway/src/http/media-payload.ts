import { open } from 'node:fs/promises';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { StoredMedia } from '@openclaw-nodes/core/plugin';
import type { MediaStore } from '../media/media-store.js';
import { qualifiedUrl, type QualifiedMedia } from '../media/media-urls.js';
import type { RemoteMedia } from '../media/remote-media.js';
import { readRemoteMedia } from '../media/remote-media-read.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Leading bytes of the formats nodes send, to catch a payload that is not what it claims. */
const MAGIC: Readonly<Record<string, (b: Buffer) => boolean>> = {
  png: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  gif: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8',
  webp: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  mp4: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
};

const invalid = (message: string, details: Record<string, unknown> = {}) => new OpenClawError('MEDIA_PAYLOAD_INVALID', message, { details });

/**
 * The bytes of a media result `{format, base64}` (canvas.snapshot, camera.snap, screen.record,
 * ...), checked: a format the route expects (`jpg` reads as `jpeg`), strict base64, and
 * bytes that start like that format. Throws `MEDIA_PAYLOAD_INVALID` (502) otherwise.
 *
 * @example
 * const { format, bytes } = decodeMediaPayload(outcome.payload, ['png', 'jpeg']);
 */
export function decodeMediaPayload(payload: unknown, formats: readonly string[]): { format: string; bytes: Buffer } {
  const { base64 } = fieldsOf(payload);
  const format = expectedFormat(payload, formats);
  if (typeof base64 !== 'string' || base64.length === 0 || base64.length % 4 !== 0 || !BASE64.test(base64)) {
    throw invalid('the node answered without valid base64 data', { format });
  }
  const bytes = Buffer.from(base64, 'base64');
  if (MAGIC[format] && !MAGIC[format](bytes)) throw invalid(`the node's ${format} data does not start like ${format}`, { format });
  return { format, bytes };
}

const fieldsOf = (payload: unknown) => (typeof payload === 'object' && payload !== null ? payload : {}) as { format?: unknown; base64?: unknown; url?: unknown };

/** The result's `format` (`jpg` read as `jpeg`), one of `formats`, else `MEDIA_PAYLOAD_INVALID`. */
function expectedFormat(payload: unknown, formats: readonly string[]): string {
  const raw = fieldsOf(payload).format;
  const format = raw === 'jpg' ? 'jpeg' : raw;
  if (typeof format !== 'string' || !formats.includes(format)) {
    throw invalid(`the node answered with format ${JSON.stringify(raw)}; expected one of ${formats.join(', ')}`, { format: raw ?? null });
  }
  return format;
}

/**
 * For a result the node delivered out of band (`{format, url}` naming this gateway's store):
 * the stored file, checked like `decodeMediaPayload` checks base64 (format expected, leading
 * bytes like that format) without reading more than its first bytes. Undefined for an inline
 * result. Throws `MEDIA_PAYLOAD_INVALID`, or `MEDIA_NOT_FOUND` when the file expired.
 */
export async function storedMediaPayload(store: MediaStore, payload: unknown, formats: readonly string[]): Promise<{ format: string; media: StoredMedia } | undefined> {
  const { url } = fieldsOf(payload);
  if (typeof url !== 'string') return undefined;
  const format = expectedFormat(payload, formats);
  const media = store.lookup(url);
  if (!media) throw new OpenClawError('MEDIA_NOT_FOUND', `the node's media ${url} is not stored on this gateway (expired, or not a gateway media url)`, { details: { url } });
  const head = Buffer.alloc(HEAD_BYTES);
  const file = await open(media.path, 'r');
  try {
    await file.read(head, 0, head.length, 0);
  } finally {
    await file.close();
  }
  checkHead(format, head);
  return { format, media };
}

/** Leading bytes `checkHead` reads. */
const HEAD_BYTES = 16;
const checkHead = (format: string, head: Buffer) => {
  if (MAGIC[format] && !MAGIC[format](head)) throw invalid(`the node's ${format} data does not start like ${format}`, { format });
};

/**
 * `storedMediaPayload` for a result naming media another cluster member holds
 * (`/v1/media/<member>.<id>`): its leading bytes pulled and checked the same way. Undefined
 * for any other result. Throws `MEDIA_PAYLOAD_INVALID`, `MEDIA_NOT_FOUND`, `CLUSTER_UNAVAILABLE`.
 */
export async function remoteMediaPayload(remote: RemoteMedia | undefined, payload: unknown, formats: readonly string[]): Promise<{ format: string; held: QualifiedMedia } | undefined> {
  const { url } = fieldsOf(payload);
  const held = typeof url === 'string' && remote ? qualifiedUrl(url) : undefined;
  if (!held || !remote) return undefined;
  const format = expectedFormat(payload, formats);
  checkHead(format, (await readRemoteMedia(remote, held, undefined, 0, HEAD_BYTES - 1)).bytes);
  return { format, held };
}
