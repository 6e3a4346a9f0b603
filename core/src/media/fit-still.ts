import { OpenClawError } from '../errors/openclaw-error.js';
import { encodeStill, type EncodedStill, type StillOptions } from './encode-still.js';
import { base64Length, MEDIA_BASE64_BUDGET } from './media-budget.js';

export interface FitStillOptions extends StillOptions {
  /** Largest base64 length (characters, padding included) of the result; default `MEDIA_BASE64_BUDGET` (5 MB). */
  readonly maxBase64Bytes?: number;
  /** JPEG quality (0..1) never gone below while fitting; default 0.3. Width shrinks after that. */
  readonly minQuality?: number;
}

export interface FittedStill extends EncodedStill {
  /** `bytes` as base64, ready for a `{ format, base64 }` result. */
  readonly base64: string;
}

/** Encodings tried before giving up; each costs one decode and encode. */
const MAX_ATTEMPTS = 8;

/**
 * `encodeStill`, then recompressed until its base64 fits `maxBase64Bytes` (the 5 MB rule of
 * COMMANDS.md 1.6): a JPEG first loses quality down to `minQuality`, then any format loses
 * width, in proportion to how far over budget the last try was. At most eight encodings.
 *
 * Throws `MEDIA_BUDGET_EXCEEDED` (details: `bytes`, `budget`, `width`) when it still does
 * not fit, and `MEDIA_TRANSCODE_FAILED` as `encodeStill` does.
 *
 * @example
 * const shot = await fitStill(frame, { format: 'jpeg', maxWidth: 1600, quality: 0.9 });
 * return { format: 'jpg', base64: shot.base64, width: shot.width, height: shot.height };
 */
export async function fitStill(input: Buffer, options: FitStillOptions): Promise<FittedStill> {
  const { maxBase64Bytes: budget = MEDIA_BASE64_BUDGET, minQuality = 0.3 } = options;
  let { maxWidth, quality = 0.9 } = options;
  let still = await encodeStill(input, { ...options, maxWidth, quality });
  for (let attempt = 1; base64Length(still.bytes.length) > budget; attempt++) {
    const size = base64Length(still.bytes.length);
    if (still.format === 'jpeg' && quality > minQuality) {
      quality = Math.max(minQuality, quality * 0.7);
    } else {
      // Bytes grow about with the pixel count, so scale the width by the root of the overshoot.
      maxWidth = Math.floor(still.width * Math.min(0.9, Math.sqrt(budget / size)));
    }
    if (attempt >= MAX_ATTEMPTS || maxWidth === 0) throw overBudget(still, size, budget);
    still = await encodeStill(input, { ...options, maxWidth, quality });
  }
  return { ...still, base64: still.bytes.toString('base64') };
}

function overBudget(still: EncodedStill, size: number, budget: number): OpenClawError {
  const at = still.quality === undefined ? `${still.width} px wide` : `${still.width} px wide at quality ${still.quality.toFixed(2)}`;
  return new OpenClawError(
    'MEDIA_BUDGET_EXCEEDED',
    `the ${still.format} image is still ${size} bytes as base64 ${at}; the budget is ${budget} bytes (ask for a smaller maxWidth or a lower quality)`,
    { details: { bytes: size, budget, width: still.width, format: still.format } },
  );
}
