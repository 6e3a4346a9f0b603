import sharp from 'sharp';
import type { SnapshotParams, SnapshotResult } from './commands.js';
import { canvasError } from './errors.js';

/**
 * Downscales a captured PNG to `maxWidth` (never up, aspect kept) and encodes it as PNG or
 * JPEG with sharp, returning the `canvas.snapshot` payload.
 *
 * @example
 * await encodeSnapshot(png, { format: 'jpeg', maxWidth: 1200, quality: 0.9 });
 * // { format: 'jpeg', base64: '/9j/…', width: 1200, height: 675 }
 */
export async function encodeSnapshot(png: Buffer, { format, maxWidth, quality }: SnapshotParams): Promise<SnapshotResult> {
  try {
    const image = sharp(png).resize({ width: maxWidth, withoutEnlargement: true });
    const encoded = format === 'png' ? image.png() : image.jpeg({ quality: Math.round(quality * 100) });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { format, base64: data.toString('base64'), width: info.width, height: info.height };
  } catch (err) {
    throw canvasError('CANVAS_SNAPSHOT_FAILED', `the capture could not be encoded as ${format}: ${(err as Error).message}`, { cause: err });
  }
}
