/**
 * @module
 * The camera plugin as the gateway loads it: its command table, error codes, options, the
 * post-processing of photos and clips and the HTTP media routes. Light on purpose: sharp and
 * ffmpeg are loaded only when a result needs work.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { definePlugin, type GatewaySide, type MediaRouteSpec } from '@openclaw-nodes/core/plugin';
import { cameraCommands, CAMERA_LIMITS } from './commands.js';
import { cameraErrorCodes } from './errors.js';
import { cameraOptions } from './options.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const facing = z.enum(['front', 'back']).optional().describe('front (default) or back; ignored with deviceId');
const deviceId = z.string().min(1).max(256).optional().describe('A camera id from camera.list');

/** `GET /v1/nodes/:node/camera/snap?maxWidth=800&quality=0.8`: a JPEG photo (COMMANDS.md 4.2). */
export const cameraSnapMedia: MediaRouteSpec = {
  path: 'camera/snap',
  command: 'camera.snap',
  summary: "Take a photo with the node's camera",
  kind: 'image',
  formats: ['jpeg'],
  query: z.strictObject({
    facing,
    deviceId,
    maxWidth: z.coerce.number().int().min(1).max(CAMERA_LIMITS.widestMaxWidth).optional().describe('Downscale to at most this many pixels wide (default 1600)'),
    quality: z.coerce.number().min(0).max(1).optional().describe('JPEG quality, 0 to 1 (default 0.9, at least 0.05)'),
    delayMs: z.coerce.number().int().min(0).max(CAMERA_LIMITS.maxDelayMs).optional().describe('Let the camera settle this long before the photo'),
  }),
};

/** `GET /v1/nodes/:node/camera/clip?durationMs=3000&includeAudio=false`: an MP4 clip (COMMANDS.md 4.3). */
export const cameraClipMedia: MediaRouteSpec = {
  path: 'camera/clip',
  command: 'camera.clip',
  summary: "Record a clip with the node's camera",
  kind: 'video',
  formats: ['mp4'],
  query: z.strictObject({
    facing,
    deviceId,
    durationMs: z.coerce.number().int().min(1).max(300_000).optional().describe('Length in ms, clamped by the node to [250, 60000] (default 3000)'),
    includeAudio: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('Record sound (default true)'),
  }),
  timeoutMs: CAMERA_LIMITS.maxDurationMs + 30_000,
};

export const cameraGateway: GatewaySide = {
  postProcess: {
    'camera.snap': async (result, ctx) => (await import('./post-process.js')).fitSnap(result, ctx),
    'camera.clip': async (result, ctx) => (await import('./post-process.js')).mp4Clip(result, ctx),
  },
  media: [cameraSnapMedia, cameraClipMedia],
};

/** Everything of the plugin but its node side; `index.ts` adds that. */
export const cameraGatewayPlugin = definePlugin({
  name: 'camera',
  version,
  host: '^0.1.0',
  caps: ['camera'],
  commands: cameraCommands,
  errors: cameraErrorCodes,
  options: cameraOptions,
  gateway: cameraGateway,
});
