/**
 * @module
 * The canvas plugin as the gateway loads it: its command table, error codes, options and
 * gateway side. Light on purpose — zod only, no browser or image library — because the gateway
 * runs it to route canvas commands and serve the canvas over HTTP.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { definePlugin, type GatewaySide, type MediaRouteSpec } from '@openclaw-nodes/core/plugin';
import { canvasCommands } from './commands.js';
import { canvasErrorCodes } from './errors.js';
import { canvasOptions } from './options.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/**
 * `GET /v1/nodes/:node/canvas/snapshot?format=png&maxWidth=1200&quality=0.8`: the canvas as
 * an image (COMMANDS.md 3.5). Defaults and clamps are the node's (jpeg, 900/1600 px wide).
 */
export const canvasSnapshotMedia: MediaRouteSpec = {
  path: 'canvas/snapshot',
  command: 'canvas.snapshot',
  summary: "Capture the node's canvas as PNG or JPEG",
  kind: 'image',
  formats: ['png', 'jpeg'],
  query: z.strictObject({
    format: z.enum(['png', 'jpeg', 'jpg']).optional().describe('png, or jpeg (default)'),
    maxWidth: z.coerce.number().int().min(1).max(16_384).optional().describe('Downscale to at most this many pixels wide'),
    quality: z.coerce.number().min(0).max(1).optional().describe('JPEG quality, 0 to 1'),
  }),
};

export const canvasGateway: GatewaySide = { media: [canvasSnapshotMedia] };

/**
 * Everything of the plugin but its node side; `index.ts` adds that. The gateway's plugin host
 * loads this object, so it never imports playwright or sharp.
 */
export const canvasGatewayPlugin = definePlugin({
  name: 'canvas',
  version,
  host: '^0.1.0',
  caps: ['canvas'],
  commands: canvasCommands,
  errors: canvasErrorCodes,
  options: canvasOptions,
  gateway: canvasGateway,
});
