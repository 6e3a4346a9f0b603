/**
 * Bounds of the gateway's out-of-band media: how long files live, how big they get, and how
 * many slots and uploads a node (and everyone) may hold. Config `gateway.media.*`.
 */
export interface MediaSettings {
  /** How long an uploaded file stays fetchable before it is removed, ms. */
  ttlMs: number;
  /** Largest single upload, bytes. */
  maxUploadBytes: number;
  /** Bytes on disk plus bytes promised to open slots, at most (all nodes). */
  maxStoredBytes: number;
  /**
   * Bytes on disk plus bytes promised to its slots, at most, for one node: so one node cannot
   * fill the store for all. Unset: a quarter of `maxStoredBytes`, but room for one largest upload.
   */
  maxStoredBytesPerNode: number;
  /** Upload slots (open or uploading) one node may hold. */
  maxSlotsPerNode: number;
  /** Uploads streaming at the same time (all nodes). */
  maxConcurrentUploads: number;
  /** How long a slot is good for: its upload must have arrived completely by then, ms. */
  uploadWindowMs: number;
}

export const DEFAULT_MEDIA_SETTINGS: Omit<MediaSettings, 'maxStoredBytesPerNode'> = {
  ttlMs: 10 * 60_000,
  // A 60 s 1080p clip is 50-100 MB; the CLI downloads at most 250 MiB (CLI.md 3).
  maxUploadBytes: 250 * 1024 * 1024,
  maxStoredBytes: 2 * 1024 * 1024 * 1024,
  maxSlotsPerNode: 4,
  maxConcurrentUploads: 8,
  uploadWindowMs: 120_000,
};

/** `DEFAULT_MEDIA_SETTINGS` with the keys `overrides` sets (undefined ones ignored). */
export function mediaSettings(overrides: Partial<MediaSettings> = {}): MediaSettings {
  const set: Partial<MediaSettings> = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  const settings = { ...DEFAULT_MEDIA_SETTINGS, ...set };
  const perNode = Math.max(Math.floor(settings.maxStoredBytes / 4), Math.min(settings.maxUploadBytes, settings.maxStoredBytes));
  return { maxStoredBytesPerNode: perNode, ...settings };
}
