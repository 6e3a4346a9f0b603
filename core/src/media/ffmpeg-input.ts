import { resolve } from 'node:path';

/**
 * A clip input for ffmpeg: a file path, or a device or generator with its demuxer, e.g.
 * `{ input: ':99.0', format: 'x11grab', options: ['-video_size', '1280x720'] }`,
 * `{ input: '/dev/video0', format: 'v4l2' }` or `{ input: 'sine=frequency=440', format: 'lavfi' }`.
 */
export interface ClipSource {
  /** A file path, or the device or filter string the demuxer in `format` understands. */
  readonly input: string;
  /** An ffmpeg demuxer (`-f`); leave it out for a file, whose container ffmpeg detects. */
  readonly format?: string;
  /** More input options, placed before this input (`-framerate 30`, `-video_size 640x480`). */
  readonly options?: readonly string[];
}

/**
 * Containers ffmpeg may detect in a file. Files can come from a peer, and ffmpeg's playlist
 * demuxers (hls, concat) open the paths or URLs they list: a "clip" that is a playlist would
 * read other local files into the output. Camera and screen clips never need them.
 */
export const FILE_CONTAINERS = 'mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,mpegts,avi,wav,mp3,ogg';

/** Quiet ffmpeg and ffprobe down to errors, so the last stderr line is the cause. */
export const QUIET = ['-hide_banner', '-loglevel', 'error'];

/**
 * The ffmpeg/ffprobe argument and input options for a file path: the `file:` protocol (a path
 * never reads as `http:` or `concat:`), only that protocol, and only `FILE_CONTAINERS`.
 */
export function fileInput(path: string): { input: string; options: string[] } {
  return { input: `file:${resolve(path)}`, options: ['-protocol_whitelist', 'file', '-format_whitelist', FILE_CONTAINERS] };
}
