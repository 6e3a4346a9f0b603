import { randomBytes } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { MediaSettings } from './media-settings.js';

/** One permission to upload one file: for one node, one running invoke, a declared size. */
export interface UploadSlot {
  /** 32 random bytes, base64url: the upload URL's last segment, usable once. */
  readonly id: string;
  readonly nodeId: string;
  readonly invokeId: string;
  readonly contentType: string;
  readonly bytes: number;
  readonly expiresAtMs: number;
}

const notFound = () => new OpenClawError('MEDIA_NOT_FOUND', 'no open upload slot matches: it was already used, it expired, or it belongs to another node');

/**
 * Upload slots, bounded per node and by the bytes they promise: a slot reserves its
 * declared size from the moment it is opened until its upload ends or it expires.
 */
export class UploadSlots {
  private readonly open = new Map<string, UploadSlot>();
  /** Slots taken for an upload that has not ended yet. */
  private readonly uploading = new Set<UploadSlot>();
  /** Bytes of slots opened and not yet released (open or uploading). */
  private reserved = 0;

  /** `storedBytes(nodeId)`: bytes on disk for that node; without a node, for everyone. */
  constructor(
    private readonly settings: MediaSettings,
    private readonly storedBytes: (nodeId?: string) => number,
  ) {}

  /**
   * Opens a slot. Throws `PAYLOAD_TOO_LARGE` past `maxUploadBytes` and `MEDIA_STORE_FULL` when
   * the node holds `maxSlotsPerNode` slots (open or uploading), or the bytes would pass
   * `maxStoredBytesPerNode` for this node or `maxStoredBytes` for everyone.
   */
  create(nodeId: string, invokeId: string, contentType: string, bytes: number): UploadSlot {
    this.dropExpired();
    const { maxUploadBytes, maxSlotsPerNode, maxStoredBytes, maxStoredBytesPerNode, uploadWindowMs } = this.settings;
    if (bytes > maxUploadBytes) {
      throw new OpenClawError('PAYLOAD_TOO_LARGE', `PAYLOAD_TOO_LARGE: ${bytes} bytes of media is over the ${maxUploadBytes} bytes this gateway accepts in one upload`, { details: { bytes, maxBytes: maxUploadBytes } });
    }
    const mine = [...this.open.values(), ...this.uploading].filter((slot) => slot.nodeId === nodeId);
    if (mine.length >= maxSlotsPerNode) {
      throw new OpenClawError('MEDIA_STORE_FULL', `this node already holds ${mine.length} upload slots (open or uploading), the most it may (gateway.media.maxSlotsPerNode ${maxSlotsPerNode}); finish or let them expire first`, { details: { slots: mine.length, maxSlots: maxSlotsPerNode } });
    }
    const nodeBytes = this.storedBytes(nodeId) + mine.reduce((sum, slot) => sum + slot.bytes, 0);
    if (nodeBytes + bytes > maxStoredBytesPerNode) {
      throw new OpenClawError('MEDIA_STORE_FULL', `this node already holds ${nodeBytes} bytes of media stored or promised; ${bytes} more would pass its ${maxStoredBytesPerNode} bytes (gateway.media.maxStoredBytesPerNode); retry once its older media expires`, { details: { bytes, nodeBytes, maxBytes: maxStoredBytesPerNode } });
    }
    if (this.storedBytes() + this.reserved + bytes > maxStoredBytes) {
      throw new OpenClawError('MEDIA_STORE_FULL', `the gateway's media store has no room for ${bytes} more bytes (${maxStoredBytes} bytes at most); retry once older media expires`);
    }
    const slot: UploadSlot = { id: randomBytes(32).toString('base64url'), nodeId, invokeId, contentType, bytes, expiresAtMs: Date.now() + uploadWindowMs };
    this.open.set(slot.id, slot);
    this.reserved += bytes;
    return slot;
  }

  /** Takes the open slot `id` of node `nodeId` for its one upload. Throws `MEDIA_NOT_FOUND`. */
  take(id: string, nodeId: string): UploadSlot {
    this.dropExpired();
    const slot = this.open.get(id);
    // Another node's slot reads as missing: nothing tells it the id exists.
    if (!slot || slot.nodeId !== nodeId) throw notFound();
    this.open.delete(id);
    this.uploading.add(slot);
    return slot;
  }

  /** The upload of a taken slot ended (stored or failed): its reservation goes. */
  release(slot: UploadSlot): void {
    this.uploading.delete(slot);
    this.reserved -= slot.bytes;
  }

  private dropExpired(now = Date.now()): void {
    for (const slot of this.open.values()) {
      if (slot.expiresAtMs > now) continue;
      this.open.delete(slot.id);
      this.release(slot);
    }
  }
}
