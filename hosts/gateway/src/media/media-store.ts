import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayMediaStore, MediaFile, StoredMedia } from '@openclaw-nodes/core/plugin';
import type { MediaSettings } from './media-settings.js';
import { UploadSlots, type UploadSlot } from './upload-slots.js';
import { receiveUpload } from './receive-upload.js';
import { MEDIA_ID, MEDIA_URL_PREFIX, qualifiedUrl } from './media-urls.js';
import { copyRemoteMedia } from './copy-remote-media.js';
import type { RemoteMedia } from './remote-media.js';

const newId = () => randomBytes(32).toString('base64url');

/** Counters `/metrics` shows. */
export interface MediaCounters {
  uploads: number;
  uploadedBytes: number;
  uploadsRefused: number;
  fetches: number;
  fetchedBytes: number;
  expired: number;
}

/**
 * Media nodes deliver out of band: one-time upload slots bound to a running invoke, files
 * streamed to `<stateDir>/media` (mode 0600) and removed `ttlMs` after upload. Everything it
 * holds is in memory, so files left by a killed gateway are removed at start.
 */
export class MediaStore implements GatewayMediaStore {
  readonly counters: MediaCounters = { uploads: 0, uploadedBytes: 0, uploadsRefused: 0, fetches: 0, fetchedBytes: 0, expired: 0 };
  readonly slots: UploadSlots;
  private readonly media = new Map<string, StoredMedia>();
  private storedBytes = 0;
  private readonly storedByNode = new Map<string, number>();
  private uploading = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Qualified urls of media other cluster members hold → the id of the copy made here. */
  private readonly copies = new Map<string, string>();
  private remote: RemoteMedia | undefined;

  constructor(
    readonly dir: string,
    readonly settings: MediaSettings,
  ) {
    this.slots = new UploadSlots(settings, (nodeId) => (nodeId === undefined ? this.storedBytes : (this.storedByNode.get(nodeId) ?? 0)));
  }

  /** Creates the directory (0700) and removes what a previous run left in it. */
  async start(): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await Promise.all((await readdir(this.dir)).map((name) => rm(join(this.dir, name), { force: true, recursive: true })));
    this.timer = setInterval(() => void this.expire(), Math.min(this.settings.ttlMs, 30_000));
    this.timer.unref();
  }

  /** Stops the expiry timer and removes every file: nothing outlives the gateway that issued it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.media.keys()].map((id) => this.remove(id)));
  }

  /**
   * Streams the body of an upload for `slotId` by node `nodeId` to disk. The slot is used up
   * by the first attempt, good or bad. Throws `MEDIA_NOT_FOUND` (no such open slot for this
   * node), `MEDIA_STORE_FULL`, `PAYLOAD_TOO_LARGE` / `INVALID_REQUEST` (size not as declared;
   * the partial file is removed).
   */
  async upload(slotId: string, nodeId: string, declaredLength: number | undefined, body: NodeJS.ReadableStream): Promise<StoredMedia> {
    const slot = this.slots.take(slotId, nodeId);
    try {
      if (this.uploading >= this.settings.maxConcurrentUploads) {
        throw new OpenClawError('MEDIA_STORE_FULL', `${this.uploading} uploads are running, the most this gateway takes at once; retry later`);
      }
      this.uploading++;
      try {
        return await this.receive(slot, declaredLength, body);
      } finally {
        this.uploading--;
      }
    } catch (err) {
      this.counters.uploadsRefused++;
      throw err;
    } finally {
      this.slots.release(slot);
    }
  }

  /** Where media other cluster members hold is pulled from (`localize`). */
  attachRemote(remote: RemoteMedia): void {
    this.remote = remote;
  }

  lookup(url: string): StoredMedia | undefined {
    const id = this.copies.get(url) ?? (url.startsWith(MEDIA_URL_PREFIX) ? url.slice(MEDIA_URL_PREFIX.length) : undefined);
    if (id === undefined || !MEDIA_ID.test(id)) return undefined;
    const stored = this.media.get(id);
    if (stored && stored.expiresAtMs <= Date.now()) {
      void this.remove(id);
      return undefined;
    }
    return stored;
  }

  /**
   * `lookup`, and for media another cluster member holds (`/v1/media/<member>.<id>`) a copy
   * pulled into this store first (as an upload of its node and call, under the same bounds),
   * which later lookups of that url find; nothing past `maxBytes` (`PAYLOAD_TOO_LARGE`).
   * Throws as `RemoteMedia.open` and `upload` do.
   */
  async localize(url: string, maxBytes = Infinity): Promise<StoredMedia | undefined> {
    const held = qualifiedUrl(url);
    const here = this.lookup(url);
    if (here || !held || !this.remote) return here;
    const stored = await copyRemoteMedia(this, this.remote, held, maxBytes);
    this.copies.set(url, stored.id);
    return stored;
  }

  async replace(url: string, file: MediaFile): Promise<string> {
    const old = this.lookup(url);
    if (!old) throw new OpenClawError('MEDIA_NOT_FOUND', `media ${url} is not stored on this gateway (expired or never uploaded)`);
    const id = newId();
    const path = join(this.dir, id);
    await moveFile(file.path, path);
    const { size } = await stat(path);
    this.add({ ...old, id, path, contentType: file.contentType, bytes: size });
    await this.remove(old.id);
    return MEDIA_URL_PREFIX + id;
  }

  /** Removes every file past its time. */
  async expire(now = Date.now()): Promise<void> {
    const due = [...this.media.values()].filter((m) => m.expiresAtMs <= now);
    this.counters.expired += due.length;
    await Promise.all(due.map((m) => this.remove(m.id)));
  }

  private async receive(slot: UploadSlot, declaredLength: number | undefined, body: NodeJS.ReadableStream): Promise<StoredMedia> {
    if (declaredLength !== slot.bytes) {
      const code = declaredLength !== undefined && declaredLength > slot.bytes ? 'PAYLOAD_TOO_LARGE' : 'INVALID_REQUEST';
      throw new OpenClawError(code, `the upload must send Content-Length ${slot.bytes}, as its slot declared; got ${declaredLength ?? 'none'}`, { details: { expectedBytes: slot.bytes } });
    }
    const id = newId();
    const path = join(this.dir, id);
    await receiveUpload(body, path, slot.bytes, slot.expiresAtMs - Date.now());
    const stored: StoredMedia = { id, path, contentType: slot.contentType, bytes: slot.bytes, nodeId: slot.nodeId, invokeId: slot.invokeId, expiresAtMs: Date.now() + this.settings.ttlMs };
    this.add(stored);
    this.counters.uploads++;
    this.counters.uploadedBytes += slot.bytes;
    return stored;
  }

  private add(stored: StoredMedia): void {
    this.media.set(stored.id, stored);
    this.count(stored, stored.bytes);
  }

  private count(stored: StoredMedia, bytes: number): void {
    this.storedBytes += bytes;
    const left = (this.storedByNode.get(stored.nodeId) ?? 0) + bytes;
    if (left === 0) this.storedByNode.delete(stored.nodeId);
    else this.storedByNode.set(stored.nodeId, left);
  }

  private async remove(id: string): Promise<void> {
    const stored = this.media.get(id);
    if (!stored) return;
    this.media.delete(id);
    for (const [url, copy] of this.copies) if (copy === id) this.copies.delete(url);
    this.count(stored, -stored.bytes);
    await rm(stored.path, { force: true });
  }
}

/** `rename`, or copy and remove when the processor's file is on another file system (EXDEV). */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(from, to);
    await rm(from, { force: true });
  }
}
