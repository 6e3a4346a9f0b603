import { OpenClawError } from '@openclaw-nodes/core/errors';
import { fitStill } from '@openclaw-nodes/core/media';
import type { SnapshotParams, SnapshotResult } from './commands.js';
import { canvasError } from './errors.js';

/**
 * Downscales a captured PNG to `maxWidth` (never up, aspect kept) and encodes it as PNG or
 * JPEG with the media toolkit, within the 5 MB base64 budget of COMMANDS.md 1.6 (a capture
 * over it loses quality, then width), returning the `canvas.snapshot` payload.
 *
 * Throws `CANVAS_SNAPSHOT_FAILED` when the capture cannot be encoded, `MEDIA_BUDGET_EXCEEDED`
 * when it cannot be made to fit.
 *
 * @example
 * await encodeSnapshot(png, { format: 'jpeg', maxWidth: 1200, quality: 0.9 });
 * // { format: 'jpeg', base64: '/9j/…', width: 1200, height: 675 }
 */
export async function encodeSnapshot(png: Buffer, { format, maxWidth, quality }: SnapshotParams): Promise<SnapshotResult> {
  try {
    const { base64, width, height } = await fitStill(png, { format, maxWidth, quality });
    return { format, base64, width, height };
  } catch (err) {
    if (err instanceof OpenClawError && err.code === 'MEDIA_TRANSCODE_FAILED') {
      throw canvasError('CANVAS_SNAPSHOT_FAILED', `the capture could not be encoded as ${format}: ${err.message}`, { cause: err });
    }
    throw err;
  }
}
