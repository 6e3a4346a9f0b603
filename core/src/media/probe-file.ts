import { OpenClawError } from '../errors/openclaw-error.js';
import { fileInput, QUIET } from './ffmpeg-input.js';
import { mediaInfo, type MediaInfo } from './probe-media.js';
import { runFfmpeg } from './run-ffmpeg.js';

/** ffprobe's JSON for one clip is a few kilobytes; more means something is wrong. */
const MAX_PROBE_JSON_BYTES = 1024 * 1024;

export interface ProbeFileOptions {
  /** The host's environment; ffprobe gets it sanitised, as `runFfmpeg` does. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Kill ffprobe after this many milliseconds; default 15 000. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * `probeMedia` for a node host: the same facts, from an ffprobe child that gets a clean
 * environment and is killed on timeout or abort rather than abandoned.
 *
 * Throws `MEDIA_PROBE_FAILED` (the run's failure as `cause`), or `ABORTED`.
 *
 * @example
 * await probeFile('/tmp/openclaw-camera-x/clip.mp4', { env: hostEnv.env });
 * // { container: 'mov,mp4,m4a,3gp,3g2,mj2', durationMs: 3000, width: 320, height: 240, hasVideo: true, hasAudio: true, ... }
 */
export async function probeFile(path: string, { env, timeoutMs = 15_000, signal }: ProbeFileOptions): Promise<MediaInfo> {
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
