import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { NodeMediaUploadParams, NodeMediaUploadResult } from '@openclaw-nodes/core/protocol';
import type { Connection } from '../connection.js';
import type { GatewayContext } from '../gateway-context.js';
import { NODE_MEDIA_UPLOAD_PREFIX } from '../http/media-upload-route.js';
import type { MethodTable } from './method-spec.js';

/** Methods nodes use to deliver media out of band (docs/http-api.md, "Media out of band"). */
export const mediaMethods: MethodTable = {
  'node.media.upload': {
    role: 'node',
    handle: ({ ctx, conn, params }: { ctx: GatewayContext; conn: Connection; params: NodeMediaUploadParams }): NodeMediaUploadResult => {
      const session = conn.deviceId ? ctx.registry.get(conn.deviceId) : undefined;
      // Only for a call this very connection is serving now (made here, or forwarded to it by
      // another cluster member): a slot cannot be had for another node's invoke, a finished
      // one, or one that never existed.
      const { invokeId } = params;
      if (!session || session.conn !== conn || !(ctx.invoker.isPending(session, invokeId) || ctx.cluster?.isForwarded(session, invokeId))) {
        throw new OpenClawError('MEDIA_NOT_FOUND', `no invoke ${params.invokeId} is running on this node; an upload slot is only given for a call the node is serving`, {
          details: { invokeId: params.invokeId },
        });
      }
      const slot = ctx.media.slots.create(session.nodeId, params.invokeId, params.contentType, params.bytes);
      return { uploadPath: NODE_MEDIA_UPLOAD_PREFIX + slot.id, expiresAtMs: slot.expiresAtMs, maxBytes: slot.bytes };
    },
  },
};
