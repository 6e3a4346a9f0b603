import { z } from 'zod';

/**
 * `plugins.options.screen` in config. Defaults live here.
 *
 * @example
 * // openclaw.json: record the macOS system sound through a loopback device
 * { plugins: { options: { screen: { audioDevice: 'BlackHole 2ch' } } } }
 */
export const screenOptions = z.strictObject({
  /** The ffmpeg to run; `ffmpeg` on the node's PATH when unset. */
  ffmpegPath: z.string().min(1).optional(),
  /**
   * The sound source: a PulseAudio/PipeWire source name on Linux (default `default`), an
   * avfoundation audio device on macOS, a dshow device on Windows (`Stereo Mix`, ...). macOS and
   * Windows record no sound without one.
   */
  audioDevice: z.string().min(1).max(256).optional(),
  /** Draw the mouse pointer into recordings and snapshots. */
  drawCursor: z.boolean().default(true),
  /** Largest recording file in bytes; ffmpeg stops writing there, so the clip ends early rather than filling the disk. */
  maxRecordingBytes: z.number().int().min(1024 * 1024).max(4 * 1024 * 1024 * 1024).default(256 * 1024 * 1024),
  /** Extra time over the recording's length before ffmpeg is killed (start-up, encoding the tail). */
  graceMs: z.number().int().min(1_000).max(120_000).default(15_000),
});

export type ScreenOptions = z.output<typeof screenOptions>;
