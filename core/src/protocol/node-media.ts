import { z } from 'zod';
import { nonEmptyString } from './primitives.js';

/** Method a node calls for an out-of-band media upload slot (our gateway's extension; OpenClaw answers unknown method). */
export const NODE_MEDIA_UPLOAD_METHOD = 'node.media.upload';

/** What a node may upload: still, clip and audio formats a browser only displays. */
export const MEDIA_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'video/mp4', 'video/webm', 'video/quicktime', 'audio/mp4', 'audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/aac', 'audio/webm'] as const;

/**
 * `node.media.upload` params, node -> gateway: a slot for one file of `bytes` bytes, the
 * result of the invoke `invokeId` that this node is running now.
 */
export const NodeMediaUploadParamsSchema = z.strictObject({
  invokeId: nonEmptyString.max(128),
  // It becomes the Content-Type operators get from the gateway's origin: media types only, never
  // HTML or SVG, which a browser would run as the gateway's own page.
  contentType: z.enum(MEDIA_CONTENT_TYPES),
  bytes: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type NodeMediaUploadParams = z.infer<typeof NodeMediaUploadParamsSchema>;

/**
 * The slot: `PUT` the bytes to `uploadPath` on the gateway (same host, port and TLS as the
 * WebSocket) with `Authorization: Bearer <device token>` and `Content-Length: bytes` before
 * `expiresAtMs`; the `201` answer's `url` goes into the result instead of `base64`.
 */
export const NodeMediaUploadResultSchema = z.strictObject({
  // A path on the gateway the node is connected to, never a URL elsewhere: the node sends its
  // device token with the upload.
  uploadPath: z.string().regex(/^\/node\/media\/[A-Za-z0-9_-]{1,128}$/, 'must be a /node/media/<slot> path on the same gateway'),
  expiresAtMs: z.int(),
  maxBytes: z.int(),
});
export type NodeMediaUploadResult = z.infer<typeof NodeMediaUploadResultSchema>;
