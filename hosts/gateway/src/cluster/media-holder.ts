import { open } from 'node:fs/promises';
import type { MediaStore } from '../media/media-store.js';
import { MEDIA_ID, MEDIA_URL_PREFIX, MEMBER_ID } from '../media/media-urls.js';

/** Largest window one pull message asks for, bytes: 256 KiB is about 342 KiB of base64 in one publish. */
export const MEDIA_WINDOW_BYTES = 256 * 1024;
/** Windows read from disk at once for other members, and waiting their turn; past both a request is answered busy. */
const MAX_READS = 16;
const MAX_WAITING = 512;
/** A pull id: 16 random bytes, base64url, as the puller makes them. */
const PULL_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * The side of a member that holds media: answers other members' window requests
 * (`{t: 'mget', from, rid, id, offset, length}`, `length` 0 for the size and type only) on the
 * asker's channel with `{t: 'mdata', rid, offset, bytes, type, data}` (base64; the size and
 * type answer adds `node` and `invoke`, whose upload it was) or
 * `{t: 'mdata', rid, offset, error, message}`. Requests from a member not alive, of another
 * shape or past the window size are dropped unanswered.
 */
export class MediaHolder {
  /** Bytes of media sent to other members. */
  servedBytes = 0;
  private reading = 0;
  /** Requests that arrived while `MAX_READS` were being read (a burst of windows from several pulls). */
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly store: () => MediaStore | undefined,
    private readonly send: (member: string, message: Record<string, unknown>) => Promise<void>,
    private readonly isAlive: (member: string) => boolean,
  ) {}

  /** One `mget` message from this member's channel. */
  handle(message: Record<string, unknown>): void {
    const { from, rid, id, offset, length } = message;
    if (typeof from !== 'string' || !MEMBER_ID.test(from) || !this.isAlive(from)) return;
    if (typeof rid !== 'string' || !PULL_ID.test(rid) || typeof id !== 'string' || !MEDIA_ID.test(id)) return;
    if (!isCount(offset) || !isCount(length) || length > MEDIA_WINDOW_BYTES) return;
    const reply = (fields: Record<string, unknown>) => void this.send(from, { t: 'mdata', rid, offset, ...fields }).catch(() => undefined);
    if (this.reading >= MAX_READS && this.waiting.length >= MAX_WAITING) {
      return reply({ error: 'CLUSTER_UNAVAILABLE', message: 'the gateway holding the media has as many windows to read for other gateways as it takes; retry shortly' });
    }
    const serve = () => this.serve(id, offset, length, reply);
    if (this.reading >= MAX_READS) this.waiting.push(serve);
    else serve();
  }

  private serve(id: string, offset: number, length: number, reply: (fields: Record<string, unknown>) => void): void {
    // Looked up when its turn comes: media that expired meanwhile is gone.
    const stored = this.store()?.lookup(MEDIA_URL_PREFIX + id);
    const gone = () => reply({ error: 'MEDIA_NOT_FOUND', message: 'no stored media has that id: it expired (gateway.media.ttlMs) or never existed' });
    if (!stored) return gone();
    this.reading++;
    readWindow(stored.path, offset, Math.min(length, Math.max(stored.bytes - offset, 0)))
      .then((data) => {
        this.servedBytes += data.length;
        const owner = length === 0 ? { node: stored.nodeId, invoke: stored.invokeId } : {};
        reply({ bytes: stored.bytes, type: stored.contentType, ...owner, data: data.toString('base64') });
      }, gone)
      .finally(() => {
        this.reading--;
        this.waiting.shift()?.();
      });
  }
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** `length` bytes of the file at `path` from `offset` (fewer at its end). */
async function readWindow(path: string, offset: number, length: number): Promise<Buffer> {
  if (length === 0) return Buffer.alloc(0);
  const file = await open(path, 'r');
  try {
    const data = Buffer.alloc(length);
    const { bytesRead } = await file.read(data, 0, length, offset);
    return data.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
