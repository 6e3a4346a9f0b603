import { rm, stat } from 'node:fs/promises';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { deliverMediaInline, type DeliveredMedia, type MediaFile } from '@openclaw-nodes/core/plugin';
import { NODE_MEDIA_UPLOAD_METHOD, NodeMediaUploadResultSchema } from '@openclaw-nodes/core/protocol';
import { gatewayHttp, readJsonResponse, type GatewayHttpTarget, type RpcPeer } from '@openclaw-nodes/core/rpc';
import type { MediaDelivery } from './invoke-handler.js';

/** Media up to this size rides inline in the result frame; bigger goes out of band. */
export const DEFAULT_INLINE_MAX_BYTES = 256 * 1024;

export interface OutOfBandOptions {
  /** The connection the invoke came in on. */
  readonly peer: RpcPeer;
  /** The gateway's WebSocket URL and TLS pin: uploads go to the same host, port and TLS. */
  readonly gateway: GatewayHttpTarget;
  /** The node device token this gateway issued (uploads authenticate with it). */
  readonly deviceToken: string | undefined;
  /** Bytes of media delivered inline at most (`nodes.media.inlineMaxBytes`). */
  readonly inlineMaxBytes: number;
}

/**
 * A gateway without upload slots: OpenClaw 2026.9.6 checks the role before the method exists
 * and answers `INVALID_REQUEST "unauthorized role: node"`; others say `unknown method`.
 */
const noUploadMethod = (err: unknown) => err instanceof OpenClawError && (err.code === 'UNKNOWN_METHOD' || /unknown method|unauthorized role/i.test(err.message));

/**
 * The node host's `deliverMedia`: small media inline, bigger media streamed over HTTP to the
 * gateway on a one-time slot for the running invoke, answered as `{url}`. Against a gateway
 * without upload slots (the real OpenClaw) it falls back to inline within a frame, or
 * `PAYLOAD_TOO_LARGE` with the size. The file is removed in every case.
 */
export function outOfBandDelivery(options: OutOfBandOptions): MediaDelivery {
  // Asked once per connection: a gateway that does not know the method will not learn it.
  let slotsKnown = true;
  const inline = (file: MediaFile) => deliverMediaInline(file, options.peer.maxPayloadBytes);
  return async (invokeId, file, signal) => {
    const { size } = await stat(file.path).catch((err: unknown) => {
      throw new OpenClawError('NODE_INVOKE_FAILED', `the media file to deliver is gone: ${(err as Error).message}`, { cause: err });
    });
    if (size <= options.inlineMaxBytes || !slotsKnown || options.deviceToken === undefined) return inline(file);
    let uploadPath: string;
    try {
      const slot = NodeMediaUploadResultSchema.parse(await options.peer.request(NODE_MEDIA_UPLOAD_METHOD, { invokeId, contentType: file.contentType, bytes: size }));
      uploadPath = slot.uploadPath;
    } catch (err) {
      if (!noUploadMethod(err)) {
        await rm(file.path, { force: true });
        throw err;
      }
      slotsKnown = false;
      return inline(file);
    }
    try {
      return await upload(options, uploadPath, file, size, signal);
    } finally {
      await rm(file.path, { force: true });
    }
  };
}

async function upload(options: OutOfBandOptions, uploadPath: string, file: MediaFile, size: number, signal: AbortSignal): Promise<DeliveredMedia> {
  const res = await gatewayHttp(options.gateway, 'PUT', uploadPath, {
    headers: { authorization: `Bearer ${options.deviceToken}`, 'content-type': file.contentType, 'content-length': String(size) },
    body: { path: file.path, bytes: size },
    signal,
  });
  const answer = (await readJsonResponse(res)) as { url?: unknown; error?: { code?: string; message?: string } } | undefined;
  if (res.statusCode === 201 && typeof answer?.url === 'string') return { url: answer.url };
  const message = answer?.error?.message ?? `HTTP ${res.statusCode}`;
  throw new OpenClawError('UNAVAILABLE', `UNAVAILABLE: the gateway refused the media upload: ${message}`, { details: { status: res.statusCode, code: answer?.error?.code } });
}
