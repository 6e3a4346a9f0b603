/**
 * @module
 * The screen plugin as the gateway loads it: its command table, error codes, options and
 * gateway side (media routes, snapshot downscaling). Light on purpose: zod only at import;
 * sharp loads the first time a snapshot needs resizing.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { definePlugin, type GatewaySide, type MediaRouteSpec } from '@openclaw-nodes/core/plugin';
import { MAX_SCREEN_INDEX, MAX_SNAPSHOT_WIDTH, RECORD_LIMITS, screenCommands } from './commands.js';
import { screenErrorCodes } from './errors.js';
import { fitSnapshotWidth } from './fit-snapshot.js';
import { screenOptions } from './options.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const screenIndex = z.coerce.number().int().min(0).max(MAX_SCREEN_INDEX).optional().describe('Display to capture, 0 first (default 0)');
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * `GET /v1/nodes/:node/screen/record?durationMs=3000&fps=10&screenIndex=0&includeAudio=false`:
 * a recording as `video/mp4` (COMMANDS.md 5; clamps are the node's). Needs `screen.record`
 * in `gateway.nodes.commands.allow`, like every call of that command.
 */
export const screenRecordMedia: MediaRouteSpec = {
  path: 'screen/record',
  command: 'screen.record',
  summary: "Record the node's screen as MP4",
  kind: 'video',
  formats: ['mp4'],
  query: z.strictObject({
    durationMs: z.coerce.number().int().min(0).max(10 * RECORD_LIMITS.maxDurationMs).optional().describe('Length in ms, clamped to [250, 60000] (default 10000)'),
    fps: z.coerce.number().min(0).max(1_000).optional().describe('Frames per second, clamped to [1, 60] (default 10)'),
    screenIndex,
    includeAudio: bool.optional().describe('Record sound from the sound server: true (default) or false'),
  }),
  // The longest recording plus ffmpeg's start-up and the transfer.
  timeoutMs: RECORD_LIMITS.maxDurationMs + 30_000,
};

/** `GET /v1/nodes/:node/screen/snapshot?format=jpeg&maxWidth=800`: one frame as PNG (default) or JPEG. */
export const screenSnapshotMedia: MediaRouteSpec = {
  path: 'screen/snapshot',
  command: 'screen.snapshot',
  summary: "Capture the node's screen as PNG or JPEG",
  kind: 'image',
  formats: ['png', 'jpeg'],
  query: z.strictObject({
    screenIndex,
    format: z.enum(['png', 'jpeg', 'jpg']).optional().describe('png (default) or jpeg'),
    maxWidth: z.coerce.number().int().min(1).max(MAX_SNAPSHOT_WIDTH).optional().describe('Downscale to at most this many pixels wide'),
    quality: z.coerce.number().min(0).max(1).optional().describe('JPEG quality, 0 to 1'),
  }),
  timeoutMs: 20_000,
};

export const screenGateway: GatewaySide = {
  media: [screenRecordMedia, screenSnapshotMedia],
  // A node that ignores maxWidth (the real OpenClaw's desktop app) still answers as asked.
  postProcess: { 'screen.snapshot': fitSnapshotWidth },
};

/** Everything of the plugin but its node side; `index.ts` adds that. */
export const screenGatewayPlugin = definePlugin({
  name: 'screen',
  version,
  host: '^0.1.0',
  caps: ['screen'],
  commands: screenCommands,
  errors: screenErrorCodes,
  options: screenOptions,
  gateway: screenGateway,
});
