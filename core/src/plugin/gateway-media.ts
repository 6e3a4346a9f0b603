import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OpenClawError } from '../errors.js';
import type { DeliveredMedia, MediaFile } from './contract.js';
import { deliverMediaInline } from './media-delivery.js';
import { withTempMediaFile } from './temp-media-file.js';

/** A file the gateway keeps for a media result a node delivered out of band (`{url}`). */
export interface StoredMedia {
  readonly id: string;
  /** Absolute path; read it, never change or remove it (the store does, at expiry). */
  readonly path: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly nodeId: string;
  readonly invokeId: string;
  readonly expiresAtMs: number;
}

/**
 * The gateway's store of out-of-band media, bound to `MEDIA_STORE` in the gateway's
 * container, for result processors (`GatewaySide.postProcess`) that need the bytes.
 */
export interface GatewayMediaStore {
  /** The stored media a result's `url` names (`/v1/media/<id>`), or undefined: not this gateway's, or expired. */
  lookup(url: string): StoredMedia | undefined;
  /**
   * `lookup` for media another member of the gateway's cluster holds too: that media is copied
   * here first (`/v1/media/<member>.<id>`), and `lookup` and `replace` of its url find the copy
   * afterwards. Undefined as `lookup`. Throws `PAYLOAD_TOO_LARGE` (`mediaTooLargeToRead`) past
   * `maxBytes` before copying anything, `CLUSTER_UNAVAILABLE` when the holder cannot be reached.
   */
  localize?(url: string, maxBytes?: number): Promise<StoredMedia | undefined>;
  /**
   * Moves `file` into the store as new media of the same node, invoke and expiry as `url`'s,
   * and answers the new url. Throws `MEDIA_NOT_FOUND` when `url` is not (or no longer) stored.
   */
  replace(url: string, file: MediaFile): Promise<string>;
}

type MediaResult = { base64?: unknown; url?: unknown };

/** Most bytes `readMediaResult` reads whole by default: a still, however big its camera, is far less. */
export const MAX_READ_MEDIA_BYTES = 64 * 1024 * 1024;

async function storedOf(store: GatewayMediaStore, url: string, maxBytes = Infinity): Promise<StoredMedia> {
  const stored = store.lookup(url) ?? (await store.localize?.(url, maxBytes));
  if (!stored) throw new OpenClawError('MEDIA_NOT_FOUND', `media ${url} is not stored on this gateway (expired or never uploaded)`);
  return stored;
}

/**
 * The bytes of a media result however the node delivered them: `base64` decoded, or the
 * stored file behind `url` read whole when it is at most `maxBytes` (default 64 MiB). Meant
 * for stills (a resize); give a clip to ffmpeg with `mediaResultFile` instead. Throws
 * `MEDIA_PAYLOAD_INVALID` without either, `MEDIA_NOT_FOUND` for a url not stored here, and
 * `PAYLOAD_TOO_LARGE` (details `bytes`, `limitBytes`) past `maxBytes`.
 *
 * @example
 * const png = await readMediaResult(store, result);
 */
export async function readMediaResult(store: GatewayMediaStore, result: MediaResult, maxBytes = MAX_READ_MEDIA_BYTES): Promise<Buffer> {
  if (typeof result.url === 'string') {
    const stored = await storedOf(store, result.url, maxBytes);
    // A node may upload up to the store's limit and call it a photo: never read that into memory.
    if (stored.bytes > maxBytes) throw mediaTooLargeToRead(stored.contentType, stored.bytes, maxBytes);
    return readFile(stored.path);
  }
  if (typeof result.base64 === 'string') return Buffer.from(result.base64, 'base64');
  throw new OpenClawError('MEDIA_PAYLOAD_INVALID', 'the media result carries neither base64 nor url');
}

/** The `PAYLOAD_TOO_LARGE` for stored media of `bytes` past the `maxBytes` a processor reads whole. */
export function mediaTooLargeToRead(contentType: string, bytes: number, maxBytes: number): OpenClawError {
  return new OpenClawError('PAYLOAD_TOO_LARGE', `PAYLOAD_TOO_LARGE: the node's ${contentType} is ${bytes} bytes, over the ${maxBytes} bytes the gateway reads to process it`, {
    details: { bytes, limitBytes: maxBytes },
  });
}

/**
 * A media result as a file, for tools that read files (ffmpeg): the stored file behind `url`
 * itself (read it, never change it), or the `base64` written to a new file `input` in `dir`
 * (mode 0600). Nothing is read whole from disk. Throws as `readMediaResult` does (no limit).
 *
 * @example
 * const input = await mediaResultFile(store, result, dir);
 * await transcodeClip({ input }, join(dir, 'clip.mp4'));
 */
export async function mediaResultFile(store: GatewayMediaStore, result: MediaResult, dir: string): Promise<string> {
  if (typeof result.url === 'string') return (await storedOf(store, result.url)).path;
  if (typeof result.base64 !== 'string') throw new OpenClawError('MEDIA_PAYLOAD_INVALID', 'the media result carries neither base64 nor url');
  const path = join(dir, 'input');
  await writeFile(path, Buffer.from(result.base64, 'base64'), { mode: 0o600, flag: 'wx' });
  return path;
}

/**
 * Puts `file` (a processed version the processor wrote; it is moved or removed) in place of
 * the result's media, the way the node delivered it: a new stored `url` for a url result,
 * inline base64 (within `maxInlineBytes` of base64) for an inline one. Spread the answer into
 * the processed result.
 *
 * @example
 * return { ...result, ...(await replaceMediaResult(store, result, { path: resized, contentType: 'image/jpeg' })), width };
 */
export async function replaceMediaResult(store: GatewayMediaStore, result: MediaResult, file: MediaFile, maxInlineBytes = 25 * 1024 * 1024): Promise<DeliveredMedia> {
  if (typeof result.url !== 'string') return deliverMediaInline(file, maxInlineBytes);
  try {
    return { url: await store.replace(result.url, file) };
  } finally {
    await rm(file.path, { force: true });
  }
}

/**
 * `replaceMediaResult` for media made in memory (a resized still): writes `bytes` to a private
 * temp file and puts it in place of the result's media the way the node delivered it.
 *
 * @example
 * return { ...result, ...(await replaceMediaBytes(store, result, still.bytes, 'image/jpeg')), width: still.width };
 */
export function replaceMediaBytes(store: GatewayMediaStore, result: MediaResult, bytes: Uint8Array, contentType: string): Promise<DeliveredMedia> {
  return withTempMediaFile(bytes, (path) => replaceMediaResult(store, result, { path, contentType }));
}
