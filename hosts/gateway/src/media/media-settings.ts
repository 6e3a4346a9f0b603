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
  /** Open (unused) upload slots one node may hold. */
  maxSlotsPerNode: number;
  /** Uploads streaming at the same time (all nodes). */
  maxConcurrentUploads: number;
  /** How long a slot is good for: its upload must have arrived completely by then, ms. */
  uploadWindowMs: number;
}

export const DEFAULT_MEDIA_SETTINGS: MediaSettings = {
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
  return { ...DEFAULT_MEDIA_SETTINGS, ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) };
}
