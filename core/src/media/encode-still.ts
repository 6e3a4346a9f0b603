import { OpenClawError } from '../errors/openclaw-error.js';
import { failureText, loadSharp } from './media-libs.js';

/** Still formats the toolkit writes. */
export type StillFormat = 'jpeg' | 'png';

/** Largest decoded still accepted by default: 50 megapixels, more than any camera or screen here. */
export const MAX_INPUT_PIXELS = 50_000_000;

export interface StillOptions {
  /** Output format. */
  readonly format: StillFormat;
  /** Widest output in pixels (integer ≥ 1); the image is only ever scaled down, aspect kept. Default: the source width. */
  readonly maxWidth?: number;
  /** JPEG quality, 0..1 (clamped to [0.01, 1]; default 0.9). PNG ignores it. */
  readonly quality?: number;
  /** Largest input in pixels (width × height) before decoding is refused; default `MAX_INPUT_PIXELS`. Stops decompression bombs. */
  readonly maxInputPixels?: number;
}

export interface EncodedStill {
  readonly format: StillFormat;
  /** The encoded file. */
  readonly bytes: Buffer;
  /** Output size in pixels. */
  readonly width: number;
  readonly height: number;
  /** The JPEG quality used (0..1); absent for PNG. */
  readonly quality?: number;
}

/**
 * Decodes a still (PNG, JPEG, WebP, GIF, TIFF, AVIF: whatever sharp reads; the first frame of
 * an animation), downscales it to `maxWidth` (never up, aspect kept, EXIF orientation
 * applied) and encodes it as PNG or JPEG. Metadata (EXIF, GPS) is not copied to the output.
 *
 * Throws `MEDIA_TRANSCODE_FAILED` when the input is not a readable image, is larger than
 * `maxInputPixels`, or cannot be encoded.
 *
 * @example
 * const still = await encodeStill(png, { format: 'jpeg', maxWidth: 1600, quality: 0.9 });
 * // { format: 'jpeg', bytes: <Buffer ff d8 ff …>, width: 1600, height: 900, quality: 0.9 }
 */
export async function encodeStill(input: Buffer, { format, maxWidth, quality = 0.9, maxInputPixels = MAX_INPUT_PIXELS }: StillOptions): Promise<EncodedStill> {
  const sharp = await loadSharp();
  const q = Math.min(1, Math.max(0.01, quality));
  try {
    const image = sharp(input, { limitInputPixels: maxInputPixels, failOn: 'error' })
      .rotate()
      .resize({ width: maxWidth, withoutEnlargement: true });
    const encoded = format === 'png' ? image.png() : image.jpeg({ quality: Math.round(q * 100), mozjpeg: false });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { format, bytes: data, width: info.width, height: info.height, ...(format === 'jpeg' ? { quality: q } : {}) };
  } catch (err) {
    throw new OpenClawError('MEDIA_TRANSCODE_FAILED', `the image could not be read or encoded as ${format}: ${failureText(err)}`, { cause: err, details: { format } });
  }
}
