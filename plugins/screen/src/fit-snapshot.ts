import { encodeStill } from '@openclaw-nodes/core/media';
import { MEDIA_STORE, readMediaResult, replaceMediaBytes, type GatewayMediaStore, type ResultProcessor } from '@openclaw-nodes/core/plugin';

type Snapshot = { format?: unknown; base64?: unknown; url?: unknown; width?: unknown; [key: string]: unknown };

/**
 * The gateway's `screen.snapshot` post-processing: an image wider than the `maxWidth` the
 * caller asked for is downscaled (aspect kept) and re-encoded in its format, inline or out of
 * band (`url`) alike, and delivered the way it came. Anything else (no maxWidth, already
 * narrow enough, not an image) passes untouched; a result that claims an image but does not
 * decode fails with `MEDIA_TRANSCODE_FAILED`.
 */
export const fitSnapshotWidth: ResultProcessor = async (result, { params, container }) => {
  const maxWidth = (params as { maxWidth?: unknown } | null)?.maxWidth;
  if (typeof maxWidth !== 'number' || !Number.isInteger(maxWidth) || maxWidth <= 0) return result;
  const r = result as Snapshot | null;
  if ((typeof r?.base64 !== 'string' && typeof r?.url !== 'string') || (r.format !== 'png' && r.format !== 'jpeg')) return result;
  if (typeof r.width === 'number' && r.width <= maxWidth) return result;
  const store = container.resolve<GatewayMediaStore>(MEDIA_STORE);
  const still = await encodeStill(await readMediaResult(store, r), { format: r.format, maxWidth });
  const { base64: _b, url: _u, ...rest } = r;
  return { ...rest, ...(await replaceMediaBytes(store, r, still.bytes, `image/${r.format}`)), width: still.width, height: still.height };
};
