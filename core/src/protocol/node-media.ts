import { z } from 'zod';
import { nonEmptyString } from './primitives.js';

/** Method a node calls for an out-of-band media upload slot (our gateway's extension; OpenClaw answers unknown method). */
export const NODE_MEDIA_UPLOAD_METHOD = 'node.media.upload';

/**
 * `node.media.upload` params, node -> gateway: a slot for one file of `bytes` bytes, the
 * result of the invoke `invokeId` that this node is running now.
 */
export const NodeMediaUploadParamsSchema = z.strictObject({
  invokeId: nonEmptyString.max(128),
  // A MIME type: `video/mp4`, `image/jpeg`; it becomes the Content-Type operators get.
  contentType: z.string().regex(/^[a-z]+\/[a-z0-9][a-z0-9.+-]{0,63}$/, 'must be a MIME type such as video/mp4'),
  bytes: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
});
export type NodeMediaUploadParams = z.infer<typeof NodeMediaUploadParamsSchema>;

/**
 * The slot: `PUT` the bytes to `uploadPath` on the gateway (same host, port and TLS as the
 * WebSocket) with `Authorization: Bearer <device token>` and `Content-Length: bytes` before
 * `expiresAtMs`; the `201` answer's `url` goes into the result instead of `base64`.
 */
export const NodeMediaUploadResultSchema = z.strictObject({
  uploadPath: nonEmptyString,
  expiresAtMs: z.int(),
  maxBytes: z.int(),
});
export type NodeMediaUploadResult = z.infer<typeof NodeMediaUploadResultSchema>;

/**
 * The `caps` entry an operator client sends in `connect` to say it fetches a media result's
 * gateway `url` itself. Operators without it (OpenClaw's own CLI, which only takes https URLs
 * on the node's address) get such media inline as base64 within a frame, or `PAYLOAD_TOO_LARGE`.
 */
export const MEDIA_URL_CLIENT_CAP = 'media-url';
