import { defineCommand, deliveredMediaSchema } from '@openclaw-nodes/core/plugin';
import { clipDurationMs, MEDIA_MAX_CLIP_MS, MEDIA_MIN_CLIP_MS } from '@openclaw-nodes/core/media';
import { z } from 'zod';

/** Clamps and defaults of COMMANDS.md 5 (macOS and Android agree on them). */
export const RECORD_LIMITS = { minDurationMs: MEDIA_MIN_CLIP_MS, maxDurationMs: MEDIA_MAX_CLIP_MS, defaultDurationMs: 10_000, minFps: 1, maxFps: 60, defaultFps: 10 } as const;
/** Widest snapshot a caller may ask for; a 16K display is wider than any here. */
export const MAX_SNAPSHOT_WIDTH = 16_384;
/** Highest screen index accepted at all; real machines have a handful of displays. */
export const MAX_SCREEN_INDEX = 64;

// Commands whose params are all optional must accept a missing or null paramsJSON (COMMANDS.md 1.1).
const optional = <T extends z.ZodRawShape>(shape: T) => z.object(shape).nullish().transform((p) => p ?? ({} as z.output<z.ZodObject<T>>));
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
// JSON has no NaN or Infinity, but a caller may send null or a string; only numbers count.
const finiteOr = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const screenIndex = z
  .number({ error: 'screenIndex must be an integer' })
  .int('screenIndex must be an integer')
  .min(0, 'screenIndex must be 0 or more')
  .max(MAX_SCREEN_INDEX, `screenIndex must be at most ${MAX_SCREEN_INDEX}`)
  .optional();

/**
 * `screen.record`: durationMs clamped to [250, 60000] (default 10000), fps to [1, 60]
 * (non-finite → 10, rounded), screenIndex default 0, includeAudio default true (the CLI always
 * sends it), format only mp4 (`INVALID_REQUEST: screen format must be mp4`).
 */
export const recordParams = optional({
  durationMs: z.unknown().optional(),
  fps: z.unknown().optional(),
  screenIndex,
  includeAudio: z.boolean({ error: 'includeAudio must be a boolean' }).optional(),
  format: z.string({ error: 'screen format must be mp4' }).refine((f) => f === 'mp4', 'screen format must be mp4').optional(),
}).transform(({ durationMs, fps, screenIndex, includeAudio }) => ({
  durationMs: clipDurationMs(durationMs, RECORD_LIMITS.defaultDurationMs),
  fps: Math.round(clamp(finiteOr(fps, RECORD_LIMITS.defaultFps), RECORD_LIMITS.minFps, RECORD_LIMITS.maxFps)),
  screenIndex: screenIndex ?? 0,
  includeAudio: includeAudio ?? true,
}));

/** `screen.snapshot`: png (default) or jpeg (`jpg` accepted), downscaled to maxWidth when given (> 0). */
export const snapshotParams = optional({
  screenIndex,
  format: z.enum(['png', 'jpeg', 'jpg'], { error: 'format must be png, jpeg or jpg' }).optional(),
  maxWidth: z.number({ error: 'maxWidth must be an integer' }).int('maxWidth must be an integer').max(MAX_SNAPSHOT_WIDTH, `maxWidth must be at most ${MAX_SNAPSHOT_WIDTH} pixels (0 or less: full size)`).optional(),
  quality: z.number().min(0, 'quality must be between 0 and 1').max(1, 'quality must be between 0 and 1').optional(),
}).transform(({ screenIndex, format, maxWidth, quality }) => ({
  screenIndex: screenIndex ?? 0,
  format: format === 'jpeg' || format === 'jpg' ? ('jpeg' as const) : ('png' as const),
  maxWidth: maxWidth !== undefined && maxWidth > 0 ? maxWidth : undefined,
  quality: quality ?? 0.9,
}));


/**
 * What `screen.record` answers. `audioUnavailable` says why a recording asked to include
 * audio has none (no sound server, ...); absent when audio was captured or not asked for.
 */
export const recordResult = z.intersection(
  z.object({
    format: z.literal('mp4'),
    durationMs: z.number().int(),
    fps: z.number(),
    screenIndex: z.number().int(),
    hasAudio: z.boolean(),
    width: z.number().int(),
    height: z.number().int(),
    audioUnavailable: z.string().optional(),
  }),
  deliveredMediaSchema,
);
export const snapshotResult = z.intersection(z.object({ format: z.enum(['png', 'jpeg']), width: z.number().int(), height: z.number().int(), screenIndex: z.number().int() }), deliveredMediaSchema);

export type RecordParams = z.output<typeof recordParams>;
export type SnapshotParams = z.output<typeof snapshotParams>;
export type RecordResult = z.output<typeof recordResult>;
export type SnapshotResult = z.output<typeof snapshotResult>;

export const recordCommand = defineCommand({
  name: 'screen.record',
  params: recordParams,
  result: recordResult,
  // Films whatever is on the screen: an explicit gateway.nodes.commands.allow entry (COMMANDS.md 1.3).
  dangerous: true,
  foreground: true,
  description: 'Records a display to an H.264 MP4, with sound from the sound server when asked and present.',
});

export const snapshotCommand = defineCommand({
  name: 'screen.snapshot',
  params: snapshotParams,
  result: snapshotResult,
  foreground: true,
  description: 'Captures one frame of a display as PNG or JPEG, downscaled to maxWidth.',
});

/** Every command the screen plugin declares. */
export const screenCommands = [recordCommand, snapshotCommand] as const;
