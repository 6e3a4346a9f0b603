import { z } from 'zod';

/** Where a camera faces, as `camera.list` reports it (COMMANDS.md 4.1). */
export const POSITIONS = ['front', 'back', 'unspecified'] as const;
export type CameraPosition = (typeof POSITIONS)[number];

// Config text handed to ffmpeg: bounded, and never starting with `-`, so it cannot read as an option.
const ffmpegWord = (max: number) => z.string().min(1).max(max).refine((s) => !s.startsWith('-'), 'must not start with "-"');

/** An ffmpeg input from config: `-f <format> [options] -i <input>`. */
const ffmpegInput = z.strictObject({
  /** What ffmpeg opens: an RTSP/HTTP URL, a file, a device, a `lavfi` graph. */
  input: ffmpegWord(4_096),
  /** The demuxer (`-f`): `lavfi`, `rtsp`, `mjpeg`, `v4l2`, `pulse`; ffmpeg detects it when absent. */
  format: ffmpegWord(64).optional(),
  /** More input options placed before `-i` (`-rtsp_transport tcp`, `-framerate 30`). */
  inputOptions: z.array(z.string().max(256)).max(32).default([]),
});

/** A camera the operator configured: a network camera, a file, or a test source. */
const cameraSource = ffmpegInput.extend({
  /** The id `camera.list` reports and `deviceId` picks; no `/`-led ids, those are V4L2 paths. */
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'id must be letters, digits, ".", "_", ":" or "-" (at most 64)'),
  name: z.string().min(1).max(200),
  position: z.enum(POSITIONS).default('unspecified'),
  /** Where this camera's sound comes from when the input itself carries none. */
  audio: ffmpegInput.optional(),
  /**
   * The source already sends H.264 (most RTSP cameras, an H.264 file): clips keep its video as
   * it is (`-c:v copy`) instead of re-encoding it, which costs no CPU and no quality. A clip
   * whose video then is not H.264 is refused with `CAMERA_UNAVAILABLE`.
   */
  copyVideo: z.boolean().default(false),
});

/**
 * `plugins.options.camera` in config. The camera is off until `enabled: true`: before that
 * every camera command answers `CAMERA_DISABLED`.
 *
 * @example
 * // openclaw.json
 * { plugins: { enabled: ['system', 'camera'], options: { camera: { enabled: true, sources: [
 *   { id: 'porch', name: 'Porch', input: 'rtsp://10.0.0.7/stream1', format: 'rtsp', inputOptions: ['-rtsp_transport', 'tcp'] },
 * ] } } } }
 */
export const cameraOptions = z.strictObject({
  enabled: z.boolean().default(false),
  sources: z
    .array(cameraSource)
    .max(64)
    .default([])
    .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'source ids must be unique'),
  /** The microphone for device cameras (V4L2, AVFoundation, DirectShow), e.g. `{ format: 'pulse', input: 'default' }`. */
  audio: ffmpegInput.optional(),
  /** Whether the machine's own cameras (`/dev/video*` and the like) are listed beside the sources. */
  devices: z.boolean().default(true),
  /** Largest clip file written, bytes (the CLI downloads at most 250 MiB). */
  maxClipBytes: z.number().int().min(1_024).max(250 * 1024 * 1024).default(250 * 1024 * 1024),
  /** How long opening a camera may take before a snap or clip gives up, ms. */
  openTimeoutMs: z.number().int().min(1_000).max(120_000).default(20_000),
});

export type CameraOptions = z.output<typeof cameraOptions>;
export type CameraSourceConfig = z.output<typeof cameraSource>;
export type FfmpegInputConfig = z.output<typeof ffmpegInput>;
