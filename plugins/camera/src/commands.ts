import { defineCommand, deliveredMediaSchema } from '@openclaw-nodes/core/plugin';
import { clipDurationMs, MEDIA_MAX_CLIP_MS, MEDIA_MIN_CLIP_MS } from '@openclaw-nodes/core/media';
import { z } from 'zod';
import { POSITIONS } from './options.js';

/** Defaults and clamps of COMMANDS.md 4.2 and 4.3 (iOS/macOS values; delay as on iOS, see README). */
export const CAMERA_LIMITS = {
  maxWidth: 1_600,
  widestMaxWidth: 16_384,
  quality: 0.9,
  minQuality: 0.05,
  delayMs: 0,
  maxDelayMs: 10_000,
  durationMs: 3_000,
  minDurationMs: MEDIA_MIN_CLIP_MS,
  maxDurationMs: MEDIA_MAX_CLIP_MS,
} as const;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

// Commands whose params are all optional accept a missing or null paramsJSON (COMMANDS.md 1.1).
const optional = <T extends z.ZodRawShape>(shape: T) => z.object(shape).nullish().transform((p) => p ?? ({} as z.output<z.ZodObject<T>>));

const facing = z.enum(['front', 'back'], { error: 'facing must be front or back' }).default('front');
const deviceId = z.string({ error: 'deviceId must be a string' }).min(1, 'deviceId must not be empty').max(256, 'deviceId is too long').optional();

/** `camera.snap`: maxWidth ≤ 0 or absent is 1600; quality clamped to [0.05, 1]; delayMs to [0, 10000]. */
export const snapParams = optional({
  facing,
  deviceId,
  maxWidth: z.number({ error: 'maxWidth must be a number' }).optional(),
  quality: z.number({ error: 'quality must be a number' }).optional(),
  delayMs: z.number({ error: 'delayMs must be a number' }).optional(),
  format: z.enum(['jpg', 'jpeg'], { error: 'camera format must be jpg' }).optional(),
}).transform(({ facing: f = 'front', deviceId: id, maxWidth, quality, delayMs }) => ({
  facing: f,
  deviceId: id,
  maxWidth: maxWidth === undefined || maxWidth <= 0 ? CAMERA_LIMITS.maxWidth : clamp(Math.floor(maxWidth), 1, CAMERA_LIMITS.widestMaxWidth),
  quality: clamp(quality ?? CAMERA_LIMITS.quality, CAMERA_LIMITS.minQuality, 1),
  delayMs: clamp(Math.round(delayMs ?? CAMERA_LIMITS.delayMs), 0, CAMERA_LIMITS.maxDelayMs),
}));

/** `camera.clip`: durationMs clamped to [250, 60000] (default 3000); audio on unless `includeAudio: false`. */
export const clipParams = optional({
  facing,
  deviceId,
  durationMs: z.number({ error: 'durationMs must be a number' }).optional(),
  includeAudio: z.boolean({ error: 'includeAudio must be true or false' }).optional(),
  format: z.literal('mp4', { error: 'camera clip format must be mp4' }).optional(),
}).transform(({ facing: f = 'front', deviceId: id, durationMs, includeAudio }) => ({
  facing: f,
  deviceId: id,
  durationMs: clipDurationMs(durationMs, CAMERA_LIMITS.durationMs),
  includeAudio: includeAudio ?? true,
}));

export type SnapParams = z.output<typeof snapParams>;
export type ClipParams = z.output<typeof clipParams>;

/** One camera as `camera.list` reports it; `formats` are V4L2 capture formats where known. */
export const cameraDevice = z.object({
  id: z.string(),
  name: z.string(),
  position: z.enum(POSITIONS),
  deviceType: z.string(),
  formats: z.array(z.string()).optional(),
});
export type CameraDevice = z.output<typeof cameraDevice>;


export const listResult = z.object({ devices: z.array(cameraDevice) });
export const snapResult = z.intersection(z.object({ format: z.literal('jpg'), width: z.number().int(), height: z.number().int() }), deliveredMediaSchema);
export const clipResult = z.intersection(
  z.object({ format: z.literal('mp4'), durationMs: z.number().int(), hasAudio: z.boolean(), audioReason: z.string().optional() }),
  deliveredMediaSchema,
);
export type SnapResult = z.output<typeof snapResult>;
export type ClipResult = z.output<typeof clipResult>;

// Not foreground commands: a camera needs no display, and a headless node with a network
// camera serves every command (COMMANDS.md 1.4 applies the rule to mobile apps only).
export const listCommand = defineCommand({ name: 'camera.list', params: optional({}), result: listResult, description: "Lists the node's cameras: its devices and configured sources." });
export const snapCommand = defineCommand({ name: 'camera.snap', params: snapParams, result: snapResult, dangerous: true, description: 'Takes a JPEG photo, downscaled to maxWidth.' });
export const clipCommand = defineCommand({ name: 'camera.clip', params: clipParams, result: clipResult, dangerous: true, description: 'Records an H.264/AAC MP4 clip of durationMs.' });

/** Every command the camera plugin declares, in the order COMMANDS.md lists them. */
export const cameraCommands = [listCommand, snapCommand, clipCommand] as const;
