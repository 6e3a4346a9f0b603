import { readFile, rm } from 'node:fs/promises';
import { OpenClawError } from '../errors.js';
import type { DeliveredMedia, MediaFile } from './contract.js';
import { deliverMediaInline } from './media-delivery.js';

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
   * Moves `file` into the store as new media of the same node, invoke and expiry as `url`'s,
   * and answers the new url. Throws `MEDIA_NOT_FOUND` when `url` is not (or no longer) stored.
   */
  replace(url: string, file: MediaFile): Promise<string>;
}

type MediaResult = { base64?: unknown; url?: unknown };

function storedOf(store: GatewayMediaStore, url: string): StoredMedia {
  const stored = store.lookup(url);
  if (!stored) throw new OpenClawError('MEDIA_NOT_FOUND', `media ${url} is not stored on this gateway (expired or never uploaded)`);
  return stored;
}

/**
 * The bytes of a media result however the node delivered them: `base64` decoded, or the
 * stored file behind `url` read whole. Meant for stills (a resize); give a clip's
 * `store.lookup(url).path` to ffmpeg instead. Throws `MEDIA_PAYLOAD_INVALID` without either.
 *
 * @example
 * const png = await readMediaResult(store, result);
 */
export async function readMediaResult(store: GatewayMediaStore, result: MediaResult): Promise<Buffer> {
  if (typeof result.url === 'string') return readFile(storedOf(store, result.url).path);
  if (typeof result.base64 === 'string') return Buffer.from(result.base64, 'base64');
  throw new OpenClawError('MEDIA_PAYLOAD_INVALID', 'the media result carries neither base64 nor url');
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
