/**
 * @module
 * The canvas plugin's gateway side. Light on purpose — zod only, no browser or image
 * library — because the gateway loads it to serve the canvas over HTTP.
 */
import { z } from 'zod';
import type { GatewaySide, MediaRouteSpec } from '@openclaw-nodes/core/plugin';

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
