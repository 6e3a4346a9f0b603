import { OpenClawError } from '../errors/openclaw-error.js';
import { fileInput, QUIET } from './ffmpeg-input.js';
import { runFfmpeg } from './run-ffmpeg.js';

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
  /** Kill ffprobe after this many milliseconds (default 15 000); probing reads headers only. */
  readonly timeoutMs?: number;
  /** The environment ffprobe is started from (default `process.env`); it gets it without credentials (`runFfmpeg`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborting kills ffprobe and rejects with `ABORTED`. */
  readonly signal?: AbortSignal;
}

/** ffprobe's JSON for one clip is a few kilobytes; more means something is wrong. */
const MAX_PROBE_JSON_BYTES = 1024 * 1024;

/**
 * Reads a media file's container, duration, video size and streams with ffprobe. Only local
 * files of the containers in `FILE_CONTAINERS` are opened. ffprobe runs through `runFfmpeg`:
 * without the host's credentials in its environment, killed on timeout or abort.
 *
 * Throws `MEDIA_PROBE_FAILED` when ffprobe is missing, the file cannot be read or is not one
 * of those containers, or probing takes longer than `timeoutMs`; `ABORTED` on `signal`.
 *
 * @example
 * await probeMedia('/tmp/openclaw/clip.mp4');
 * // { container: 'mov,mp4,m4a,3gp,3g2,mj2', durationMs: 3000, width: 1280, height: 720, hasVideo: true, hasAudio: true, videoCodec: 'h264', audioCodec: 'aac' }
 */
export async function probeMedia(path: string, { timeoutMs = 15_000, env = process.env, signal }: ProbeOptions = {}): Promise<MediaInfo> {
  const { input, options } = fileInput(path);
  try {
    const args = [...QUIET, ...options, '-show_streams', '-show_format', '-of', 'json', input];
    const { stdout } = await runFfmpeg(args, { program: 'ffprobe', env, timeoutMs, signal, maxStdoutBytes: MAX_PROBE_JSON_BYTES });
    const data = JSON.parse(stdout.toString('utf8')) as { streams?: Array<Record<string, unknown>>; format?: Record<string, unknown> };
    return mediaInfo({ streams: data.streams ?? [], format: data.format ?? {} });
  } catch (err) {
    if (err instanceof OpenClawError && err.code === 'ABORTED') throw err;
    throw new OpenClawError('MEDIA_PROBE_FAILED', `could not probe ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** The facts of ffprobe's `-show_streams -show_format` JSON that clips are judged by. */
function mediaInfo(data: { streams: ReadonlyArray<Record<string, unknown>>; format: Record<string, unknown> }): MediaInfo {
  const video = data.streams.find((s) => s.codec_type === 'video');
  const audio = data.streams.find((s) => s.codec_type === 'audio');
  const seconds = Number(data.format.duration);
  const [width, height] = [Number(video?.width), Number(video?.height)];
  return {
    container: String(data.format.format_name ?? ''),
    ...(Number.isFinite(seconds) ? { durationMs: Math.round(seconds * 1000) } : {}),
    ...(width > 0 && height > 0 ? { width, height } : {}),
    hasVideo: video !== undefined,
    hasAudio: audio !== undefined,
    ...(typeof video?.codec_name === 'string' ? { videoCodec: video.codec_name } : {}),
    ...(typeof audio?.codec_name === 'string' ? { audioCodec: audio.codec_name } : {}),
    ...frameRate(typeof video?.avg_frame_rate === 'string' ? video.avg_frame_rate : undefined),
  };
}

/** `10/1` or `30000/1001` as frames per second; nothing for ffprobe's `0/0` (unknown). */
function frameRate(rate: string | undefined): { fps?: number } {
  const [num, den] = (rate ?? '').split('/').map(Number);
  const fps = num / (den ?? 1);
  return Number.isFinite(fps) && fps > 0 ? { fps: Math.round(fps * 100) / 100 } : {};
}
