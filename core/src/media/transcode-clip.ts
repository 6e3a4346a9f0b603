import { rm, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { OpenClawError } from '../errors/openclaw-error.js';
import { fileInput, QUIET, type ClipSource } from './ffmpeg-input.js';
import { MEDIA_CLIP_BYTES_BUDGET, MEDIA_MAX_CLIP_MS } from './media-budget.js';
import { sanitizeEnv } from '../exec/env-policy.js';
import { failureText, loadFfmpeg } from './media-libs.js';
import { probeMedia, type MediaInfo } from './probe-media.js';

export interface TranscodeOptions {
  /** Output length limit in milliseconds; default and ceiling `MEDIA_MAX_CLIP_MS` (60 000). */
  readonly maxDurationMs?: number;
  /** Keep the first audio stream (AAC) when a source has one; default true. */
  readonly includeAudio?: boolean;
  /** Widest output in pixels; scaled down only, aspect kept, rounded to even sizes for H.264. */
  readonly maxWidth?: number;
  /** Output frame rate; default the source's. */
  readonly fps?: number;
  /** Largest output file in bytes; default `MEDIA_CLIP_BYTES_BUDGET` (25 MiB). */
  readonly maxBytes?: number;
  /** Kill ffmpeg after this many milliseconds; default 120 000. */
  readonly timeoutMs?: number;
  /** Aborting kills ffmpeg and rejects with `ABORTED`. */
  readonly signal?: AbortSignal;
  /** The environment ffmpeg is started from (default `process.env`); it gets it without credentials (`sanitizeEnv`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface TranscodedClip extends MediaInfo {
  /** The output file (absolute) and its size in bytes. */
  readonly path: string;
  readonly bytes: number;
}

/**
 * Transcodes one or more sources (a file, or a device or generator with its demuxer; ffmpeg
 * takes the first video and first audio stream among them) to an H.264/AAC MP4 at `output`,
 * at most `maxDurationMs` long, `faststart` so players can begin before the end. Metadata
 * of the sources is dropped. Resolves with the probed result.
 *
 * Throws `MEDIA_TRANSCODE_FAILED` (ffmpeg missing, unreadable input, timeout),
 * `MEDIA_BUDGET_EXCEEDED` (output over `maxBytes`; the file is removed), `ABORTED`
 * (`signal`), or `MEDIA_PROBE_FAILED`. A failed output is never left behind.
 *
 * @example
 * const clip = await transcodeClip({ input: '/tmp/raw.mkv' }, '/tmp/clip.mp4', { maxDurationMs: 3000 });
 * // { path: '/tmp/clip.mp4', bytes: 182044, container: 'mov,mp4,m4a,3gp,3g2,mj2', durationMs: 3000, width: 1280, height: 720, hasVideo: true, hasAudio: true }
 */
export async function transcodeClip(sources: ClipSource | readonly ClipSource[], output: string, options: TranscodeOptions = {}): Promise<TranscodedClip> {
  const { maxDurationMs = MEDIA_MAX_CLIP_MS, maxBytes = MEDIA_CLIP_BYTES_BUDGET, timeoutMs = 120_000 } = options;
  const path = resolve(output);
  try {
    const command = await buildCommand([sources].flat(), path, { ...options, maxDurationMs: Math.min(maxDurationMs, MEDIA_MAX_CLIP_MS) });
    await runFfmpeg(withEnvironment(command, sanitizeEnv(options.env ?? process.env)), timeoutMs, options.signal);
    const { size } = await stat(path);
    if (size > maxBytes) {
      throw new OpenClawError('MEDIA_BUDGET_EXCEEDED', `the clip is ${size} bytes; the budget is ${maxBytes} bytes (record less, or smaller)`, { details: { bytes: size, budget: maxBytes } });
    }
    return { path, bytes: size, ...(await probeMedia(path, { env: options.env, signal: options.signal })) };
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
}

type Command = import('fluent-ffmpeg').FfmpegCommand;
type Spawner = (args: string[], options: object, ...callbacks: unknown[]) => void;

/**
 * fluent-ffmpeg starts ffmpeg with this process's whole environment and has no option to
 * change it, so its one spawn point is wrapped for this command: a host's token in the
 * environment would otherwise sit in ffmpeg's `/proc/<pid>/environ`, readable by any command
 * the host runs, for as long as a clip records.
 */
function withEnvironment(command: Command, env: Record<string, string>): Command {
  const hooked = command as unknown as { _spawnFfmpeg: Spawner };
  const spawn = hooked._spawnFfmpeg;
  hooked._spawnFfmpeg = (args, options, ...callbacks) => spawn.call(command, args, { ...options, env }, ...callbacks);
  return command;
}

async function buildCommand(sources: readonly ClipSource[], path: string, options: TranscodeOptions & { maxDurationMs: number }): Promise<Command> {
  const command = (await loadFfmpeg())();
  sources.forEach((source, index) => {
    const { input, options: guard } = source.format === undefined ? fileInput(source.input) : { input: source.input, options: ['-f', source.format] };
    command.input(input).inputOptions([...(index === 0 ? QUIET : []), ...guard, ...(source.options ?? [])]);
  });
  // yuv420p needs even sizes; `-2` keeps the aspect with an even height.
  const width = options.maxWidth === undefined ? 'trunc(iw/2)*2' : `trunc(min(iw\\,${Math.max(2, Math.floor(options.maxWidth))})/2)*2`;
  command
    .videoCodec('libx264')
    .outputOptions(['-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-vf', `scale=${width}:-2`, '-movflags', '+faststart', '-map_metadata', '-1'])
    .duration(options.maxDurationMs / 1000)
    .format('mp4');
  if (options.fps !== undefined) command.fps(options.fps);
  if (options.includeAudio === false) command.noAudio();
  else command.audioCodec('aac');
  return command.output(`file:${path}`);
}

function runFfmpeg(command: Command, timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done, fail) => {
    let stopped: OpenClawError | undefined;
    const stop = (err: OpenClawError) => {
      stopped = err;
      command.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new OpenClawError('MEDIA_TRANSCODE_FAILED', `ffmpeg did not finish within ${timeoutMs} ms`)), timeoutMs);
    const onAbort = () => stop(new OpenClawError('ABORTED', 'the transcode was cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (err?: unknown, stderr?: string) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (stopped !== undefined) fail(stopped);
      else if (err === undefined) done();
      else fail(new OpenClawError('MEDIA_TRANSCODE_FAILED', `ffmpeg could not transcode the clip: ${failureText(err, stderr)}`, { cause: err }));
    };
    // fluent-ffmpeg checks codecs before it spawns; a stop asked for meanwhile lands here.
    command.on('start', () => stopped && command.kill('SIGKILL'));
    command.on('end', () => settle()).on('error', (err: Error, _stdout: string | null, stderr: string | null) => settle(err, stderr ?? ''));
    if (signal?.aborted) onAbort();
    command.run();
  });
}
