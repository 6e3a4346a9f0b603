import { z } from 'zod';
import type { MediaRoute } from './media-route.js';

/**
 * `GET /v1/nodes/:node/canvas/snapshot?format=png&maxWidth=1200&quality=0.8`: the canvas as
 * an image (COMMANDS.md 3.5). Defaults and clamps are the node's (jpeg, 900/1600 px wide).
 */
export const canvasSnapshotMedia: MediaRoute = {
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

/** Media routes every gateway serves; more arrive through `GatewayOptions.mediaRoutes`. */
export const BUILTIN_MEDIA_ROUTES: readonly MediaRoute[] = [canvasSnapshotMedia];
