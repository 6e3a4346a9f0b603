import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { encodeStill, transcodeClip } from '@openclaw-nodes/core/media';
import { MEDIA_STORE, mediaResultFile, readMediaResult, replaceMediaBytes, replaceMediaResult, type GatewayMediaStore, type ResultProcessor } from '@openclaw-nodes/core/plugin';
import { CAMERA_LIMITS } from './commands.js';
import { cameraOptions } from './options.js';

type Media = { format?: unknown; base64?: unknown; url?: unknown; width?: unknown; [key: string]: unknown };
type Context = Parameters<ResultProcessor>[1];

/** A result carrying media the gateway can reach: inline, or a url of its own store. */
const asMedia = (result: unknown): Media | undefined => {
  const media = typeof result === 'object' && result !== null ? (result as Media) : undefined;
  return typeof media?.base64 === 'string' || typeof media?.url === 'string' ? media : undefined;
};
const asked = (params: unknown, key: string): unknown => (typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[key] : undefined);
const storeOf = (ctx: Context): GatewayMediaStore => ctx.container.resolve<GatewayMediaStore>(MEDIA_STORE);
/** The result without its media, so the replacement is the only `base64` or `url` in it. */
const rest = ({ base64: _b, url: _u, ...others }: Media): Record<string, unknown> => others;

/** Largest clip the gateway writes when it transcodes one a node delivered out of band: the node's own ceiling. */
const MAX_URL_CLIP_BYTES = cameraOptions.shape.maxClipBytes.parse(undefined);

/**
 * `camera.snap` on the gateway: a photo wider than the `maxWidth` asked for (a node that
 * ignores it, such as an older or third-party one), or not JPEG, is re-encoded to a JPEG of
 * that width with sharp, inline or out of band (`url`) alike, and delivered the way it came.
 * Photos already right pass untouched.
 */
export async function fitSnap(result: unknown, ctx: Context): Promise<unknown> {
  const media = asMedia(result);
  if (media === undefined) return result;
  const raw = asked(ctx.params, 'maxWidth');
  const maxWidth = typeof raw === 'number' && raw > 0 ? Math.floor(raw) : CAMERA_LIMITS.maxWidth;
  const isJpeg = media.format === 'jpg' || media.format === 'jpeg';
  if (isJpeg && typeof media.width === 'number' && media.width <= maxWidth) return result;
  const quality = asked(ctx.params, 'quality');
  const store = storeOf(ctx);
  const still = await encodeStill(await readMediaResult(store, media), { format: 'jpeg', maxWidth, quality: typeof quality === 'number' ? quality : CAMERA_LIMITS.quality });
  return { ...rest(media), format: 'jpg', ...(await replaceMediaBytes(store, media, still.bytes, 'image/jpeg')), width: still.width, height: still.height };
}

/**
 * `camera.clip` on the gateway: a clip a node answered in another format than the `mp4`
 * asked for (`mov`, `webm`, ...) is transcoded to H.264/AAC MP4 with the media toolkit, file
 * to file (a stored out-of-band clip is ffmpeg's input as it is), and delivered the way it came.
 */
export async function mp4Clip(result: unknown, ctx: Context): Promise<unknown> {
  const media = asMedia(result);
  if (media === undefined || media.format === 'mp4') return result;
  const store = storeOf(ctx);
  const dir = await mkdtemp(join(tmpdir(), 'openclaw-camera-gw-'));
  try {
    const input = await mediaResultFile(store, media, dir);
    // Inline clips keep the inline budget; out-of-band ones may be as big as a node records.
    const budget = typeof media.url === 'string' ? { maxBytes: MAX_URL_CLIP_BYTES } : {};
    // The processor's signal ends ffmpeg when the caller's time is up.
    const clip = await transcodeClip({ input }, join(dir, 'clip.mp4'), { ...budget, signal: ctx.signal });
    const delivered = await replaceMediaResult(store, media, { path: clip.path, contentType: 'video/mp4' });
    return { ...rest(media), format: 'mp4', ...delivered, durationMs: clip.durationMs ?? media.durationMs, hasAudio: clip.hasAudio };
  } catch (err) {
    throw OpenClawError.from(err, 'MEDIA_TRANSCODE_FAILED');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
