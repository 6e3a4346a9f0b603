import type { ClipSource } from '@openclaw-nodes/core/media';

/** Errors only, so the last stderr lines name the cause; never read stdin (ffmpeg would wait on it). */
const QUIET = ['-hide_banner', '-loglevel', 'error', '-nostdin'];

/** `[options] -f <format> -i <input>` for one source. */
export function inputArgs(source: ClipSource): string[] {
  return [...(source.options ?? []), ...(source.format === undefined ? [] : ['-f', source.format]), '-i', source.input];
}

/**
 * ffmpeg arguments that write one frame of `video`, `delayMs` into the stream (the frames
 * before are read and dropped, letting a camera settle its exposure), as PNG to stdout.
 *
 * @example
 * snapArgs({ input: '/dev/video0', format: 'v4l2' }, 500);
 * // ['-hide_banner', '-loglevel', 'error', '-nostdin', '-f', 'v4l2', '-i', '/dev/video0', '-ss', '0.5', '-frames:v', '1', '-an', '-c:v', 'png', '-f', 'image2pipe', 'pipe:1']
 */
export function snapArgs(video: ClipSource, delayMs: number): string[] {
  const seek = delayMs > 0 ? ['-ss', String(delayMs / 1000)] : [];
  return [...QUIET, ...inputArgs(video), ...seek, '-frames:v', '1', '-an', '-c:v', 'png', '-f', 'image2pipe', 'pipe:1'];
}

export interface ClipPlan {
  readonly video: ClipSource;
  /** `source`: the video input's own first audio stream, if it has one; an input: a second input; `none`: no sound. */
  readonly audio: 'source' | 'none' | ClipSource;
  readonly durationMs: number;
  /** ffmpeg stops writing at this many bytes (`-fs`). */
  readonly maxBytes: number;
  readonly output: string;
  /** Keep the video stream as the source sends it (already H.264) instead of re-encoding it. */
  readonly copyVideo?: boolean;
}

// yuv420p needs even sizes.
const H264 = ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2'];

/**
 * ffmpeg arguments that record `durationMs` of the plan's video (and sound) to an H.264/AAC
 * MP4 at `output`, `faststart` so players can begin before the end, without the sources'
 * metadata; with `copyVideo` the video is kept as the source sends it. A source's own audio is mapped optionally (`0:a:0?`): a camera without sound
 * still records.
 *
 * @example
 * clipArgs({ video: { input: '/dev/video0', format: 'v4l2' }, audio: { input: 'default', format: 'pulse' }, durationMs: 3000, maxBytes: 1e8, output: '/tmp/x/clip.mp4' });
 */
export function clipArgs({ video, audio, durationMs, maxBytes, output, copyVideo = false }: ClipPlan): string[] {
  const second = typeof audio === 'object' ? inputArgs(audio) : [];
  const maps = audio === 'none' ? ['-map', '0:v:0', '-an'] : audio === 'source' ? ['-map', '0:v:0', '-map', '0:a:0?'] : ['-map', '0:v:0', '-map', '1:a:0'];
  return [
    ...QUIET,
    ...inputArgs(video),
    ...second,
    ...maps,
    '-t', String(durationMs / 1000),
    ...(copyVideo ? ['-c:v', 'copy'] : H264),
    ...(audio === 'none' ? [] : ['-c:a', 'aac']),
    '-movflags', '+faststart', '-map_metadata', '-1', '-fs', String(maxBytes), '-f', 'mp4', '-y', `file:${output}`,
  ];
}
