import { OpenClawError } from '@openclaw-nodes/core/errors';
import { fitStill, type FittedStill } from '@openclaw-nodes/core/media';
import type { SnapshotParams } from './commands.js';
import { canvasError } from './errors.js';

/** An encoded capture: `bytes` (and the same as `base64`), its format and size in pixels. */
export type EncodedSnapshot = Pick<FittedStill, 'bytes' | 'base64' | 'width' | 'height'> & { readonly format: SnapshotParams['format'] };

/**
 * Downscales a captured PNG to `maxWidth` (never up, aspect kept) and encodes it as PNG or
 * JPEG with the media toolkit, within the 5 MB base64 budget of COMMANDS.md 1.6 (a capture
 * over it loses quality, then width), whichever way it is then delivered.
 *
 * Throws `CANVAS_SNAPSHOT_FAILED` when the capture cannot be encoded, `MEDIA_BUDGET_EXCEEDED`
 * when it cannot be made to fit.
 *
 * @example
 * await encodeSnapshot(png, { format: 'jpeg', maxWidth: 1200, quality: 0.9 });
 * // { format: 'jpeg', bytes: <Buffer ff d8 …>, base64: '/9j/…', width: 1200, height: 675 }
 */
export async function encodeSnapshot(png: Buffer, { format, maxWidth, quality }: SnapshotParams): Promise<EncodedSnapshot> {
  try {
    const { bytes, base64, width, height } = await fitStill(png, { format, maxWidth, quality });
    return { format, bytes, base64, width, height };
  } catch (err) {
    if (err instanceof OpenClawError && err.code === 'MEDIA_TRANSCODE_FAILED') {
      throw canvasError('CANVAS_SNAPSHOT_FAILED', `the capture could not be encoded as ${format}: ${err.message}`, { cause: err });
    }
    throw err;
  }
}
