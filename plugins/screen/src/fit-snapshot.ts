import { encodeStill } from '@openclaw-nodes/core/media';
import type { ResultProcessor } from '@openclaw-nodes/core/plugin';

/**
 * The gateway's `screen.snapshot` post-processing: an inline image wider than the `maxWidth`
 * the caller asked for is downscaled (aspect kept) and re-encoded in its format. Anything else
 * (a `url` result, no maxWidth, already narrow enough, not an image) passes untouched; a
 * result that claims an image but does not decode fails with `MEDIA_TRANSCODE_FAILED`.
 */
export const fitSnapshotWidth: ResultProcessor = async (result, { params }) => {
  const maxWidth = (params as { maxWidth?: unknown } | null)?.maxWidth;
  if (typeof maxWidth !== 'number' || !Number.isInteger(maxWidth) || maxWidth <= 0) return result;
  const r = result as { format?: unknown; base64?: unknown; width?: unknown } | null;
  if (typeof r?.base64 !== 'string' || (r.format !== 'png' && r.format !== 'jpeg')) return result;
  if (typeof r.width === 'number' && r.width <= maxWidth) return result;
  const still = await encodeStill(Buffer.from(r.base64, 'base64'), { format: r.format, maxWidth });
  return { ...r, base64: still.bytes.toString('base64'), width: still.width, height: still.height };
};
