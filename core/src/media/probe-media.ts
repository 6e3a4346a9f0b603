import { OpenClawError } from '../errors/openclaw-error.js';
import { fileInput, QUIET } from './ffmpeg-input.js';
import { failureText, loadFfmpeg } from './media-libs.js';

export interface MediaInfo {
  /** ffprobe's container name, e.g. `mov,mp4,m4a,3gp,3g2,mj2` or `matroska,webm`. */
  readonly container: string;
  /** Length in milliseconds, rounded; undefined when the container does not say. */
  readonly durationMs?: number;
  /** Size of the first video stream in pixels; undefined without video. */
  readonly width?: number;
  readonly height?: number;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
  /** Codec names of the first video and audio streams, e.g. `h264`, `aac`. */
  readonly videoCodec?: string;
  readonly audioCodec?: string;
  /** Average frames per second of the first video stream (`avg_frame_rate`), rounded to 0.01. */
  readonly fps?: number;
}

export interface ProbeOptions {
  /** Give up after this many milliseconds (default 15 000); probing reads headers only. */
  readonly timeoutMs?: number;
}

/**
 * Reads a media file's container, duration, video size and streams with ffprobe (through
 * fluent-ffmpeg). Only local files of the containers in `FILE_CONTAINERS` are opened.
 *
 * Throws `MEDIA_PROBE_FAILED` when ffprobe is missing, the file cannot be read or is not one
 * of those containers, or probing takes longer than `timeoutMs`.
 *
 * @example
 * await probeMedia('/tmp/openclaw/clip.mp4');
 * // { container: 'mov,mp4,m4a,3gp,3g2,mj2', durationMs: 3000, width: 1280, height: 720, hasVideo: true, hasAudio: true, videoCodec: 'h264', audioCodec: 'aac' }
 */
export async function probeMedia(path: string, { timeoutMs = 15_000 }: ProbeOptions = {}): Promise<MediaInfo> {
  const ffmpeg = await loadFfmpeg();
  const { input, options } = fileInput(path);
  let timer: NodeJS.Timeout | undefined;
  try {
    // fluent-ffmpeg gives no handle on the ffprobe process, so a stuck probe is abandoned, not killed.
    const data = await Promise.race([
      new Promise<import('fluent-ffmpeg').FfprobeData>((ok, fail) => ffmpeg.ffprobe(input, [...QUIET, ...options], (err, out) => (err ? fail(err) : ok(out)))),
      new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`ffprobe did not finish within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    const video = data.streams.find((s) => s.codec_type === 'video');
    const audio = data.streams.find((s) => s.codec_type === 'audio');
    const seconds = Number(data.format.duration);
    return {
      container: String(data.format.format_name ?? ''),
      ...(Number.isFinite(seconds) ? { durationMs: Math.round(seconds * 1000) } : {}),
      ...(video?.width && video.height ? { width: video.width, height: video.height } : {}),
      hasVideo: video !== undefined,
      hasAudio: audio !== undefined,
      ...(video?.codec_name ? { videoCodec: video.codec_name } : {}),
      ...(audio?.codec_name ? { audioCodec: audio.codec_name } : {}),
      ...frameRate(video?.avg_frame_rate),
    };
  } catch (err) {
    throw new OpenClawError('MEDIA_PROBE_FAILED', `could not probe ${path}: ${failureText(err)}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/** `10/1` or `30000/1001` as frames per second; nothing for ffprobe's `0/0` (unknown). */
function frameRate(rate: string | undefined): { fps?: number } {
  const [num, den] = (rate ?? '').split('/').map(Number);
  const fps = num / (den ?? 1);
  return Number.isFinite(fps) && fps > 0 ? { fps: Math.round(fps * 100) / 100 } : {};
}
