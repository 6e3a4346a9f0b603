import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { encodeStill, transcodeClip } from '@openclaw-nodes/core/media';
import { CAMERA_LIMITS } from './commands.js';

type Media = { format?: unknown; base64?: unknown; url?: unknown; width?: unknown; [key: string]: unknown };

const asMedia = (result: unknown): Media | undefined => (typeof result === 'object' && result !== null ? (result as Media) : undefined);
const asked = (params: unknown, key: string): unknown => (typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[key] : undefined);

/**
 * `camera.snap` on the gateway: a photo wider than the `maxWidth` asked for (a node that
 * ignores it, such as an older or third-party one), or not JPEG, is re-encoded to a JPEG of
 * that width with sharp. Out-of-band results (`url`) and photos already right pass untouched.
 */
export async function fitSnap(result: unknown, { params }: { params: unknown }): Promise<unknown> {
  const media = asMedia(result);
  if (media === undefined || typeof media.base64 !== 'string') return result;
  const raw = asked(params, 'maxWidth');
  const maxWidth = typeof raw === 'number' && raw > 0 ? Math.floor(raw) : CAMERA_LIMITS.maxWidth;
  const isJpeg = media.format === 'jpg' || media.format === 'jpeg';
  if (isJpeg && typeof media.width === 'number' && media.width <= maxWidth) return result;
  const quality = asked(params, 'quality');
  const still = await encodeStill(Buffer.from(media.base64, 'base64'), { format: 'jpeg', maxWidth, quality: typeof quality === 'number' ? quality : CAMERA_LIMITS.quality });
  return { ...media, format: 'jpg', base64: still.bytes.toString('base64'), width: still.width, height: still.height };
}

/**
 * `camera.clip` on the gateway: a clip a node answered in another format than the `mp4`
 * asked for (`mov`, `webm`, ...) is transcoded to H.264/AAC MP4 with the media toolkit.
 */
export async function mp4Clip(result: unknown): Promise<unknown> {
  const media = asMedia(result);
  if (media === undefined || media.format === 'mp4' || typeof media.base64 !== 'string') return result;
  const dir = await mkdtemp(join(tmpdir(), 'openclaw-camera-gw-'));
  try {
    const input = join(dir, 'input');
    await writeFile(input, Buffer.from(media.base64, 'base64'), { mode: 0o600 });
    const clip = await transcodeClip({ input }, join(dir, 'clip.mp4'));
    return { ...media, format: 'mp4', base64: (await readFile(clip.path)).toString('base64'), durationMs: clip.durationMs ?? media.durationMs, hasAudio: clip.hasAudio };
  } catch (err) {
    throw OpenClawError.from(err, 'MEDIA_TRANSCODE_FAILED');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
