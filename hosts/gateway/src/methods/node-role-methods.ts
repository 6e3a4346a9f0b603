import type { z } from 'zod';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { formatZodIssues, HostStatsUpdateSchema, MAX_PAYLOAD_DEPTH, NodePluginsUpdateSchema, NodeSurfaceUpdateSchema, parseJsonBounded } from '@openclaw-nodes/core/protocol';
import type { Connection } from '../connection.js';
import type { GatewayContext } from '../gateway-context.js';
import type { InvokeResultParams } from '../invoke/invoke-router.js';
import { forwardedResult } from '../media/forwarded-media.js';
import type { Caller, MethodTable } from './method-spec.js';
import { pairingChanged } from './node-methods.js';
import { updateNodeSurface } from './node-surface-update.js';

/** The calling node's live session; a stale socket (replaced or removed) has none. */
function sessionOf(ctx: GatewayContext, conn: Connection) {
  const session = conn.deviceId ? ctx.registry.get(conn.deviceId) : undefined;
  return session && session.conn === conn ? session : undefined;
}

/**
 * An event's payload: `payloadJSON` parsed under the payload depth bound (invalid JSON reads
 * as `undefined`), else `payload`, which the frame's own bound already limits.
 * @throws OpenClawError `PAYLOAD_TOO_DEEP`.
 */
function parsePayload(params: NodeEventParams): unknown {
  if (typeof params.payloadJSON === 'string') {
    try {
      return parseJsonBounded(params.payloadJSON, MAX_PAYLOAD_DEPTH, `${params.event} payloadJSON`);
    } catch (err) {
      if (err instanceof OpenClawError) throw err;
      return undefined;
    }
  }
  return params.payload;
}

type NodeEventParams = { event: string; payloadJSON?: string | null; payload?: unknown };

/**
 * An event's payload checked against its bounded schema.
 * @throws OpenClawError `INVALID_REQUEST` naming the event and the issues; `PAYLOAD_TOO_DEEP`.
 */
function eventPayload<T>(schema: z.ZodType<T>, params: NodeEventParams): T {
  const parsed = schema.safeParse(parsePayload(params));
  if (!parsed.success) throw new OpenClawError('INVALID_REQUEST', `invalid ${params.event} payload: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}

/** Methods only a node may call (PROTOCOL.md section 8). */
export const nodeRoleMethods: MethodTable = {
  'node.invoke.result': {
    role: 'node',
    handle: ({ ctx, conn, params }: { ctx: GatewayContext; conn: Connection; params: InvokeResultParams }) => {
      if (params.nodeId !== conn.deviceId) throw new OpenClawError('INVALID_REQUEST', 'nodeId mismatch');
      const session = sessionOf(ctx, conn);
      if (!session) return { ok: true, ignored: true };
      if (ctx.cluster?.isForwarded(session, params.id)) {
        const relayed = forwardedResult(ctx.media, ctx.bootId, session, params);
        if (ctx.cluster.relayResult(session, relayed.params, relayed.refused)) return { ok: true };
      }
      return ctx.invoker.result(session, params);
    },
  },

  'node.event': {
    role: 'node',
    handle: ({ ctx, conn, params }: { ctx: GatewayContext; conn: Connection; params: NodeEventParams }) => {
      const session = sessionOf(ctx, conn);
      if (!session) return { ok: true, event: params.event, handled: false, reason: 'pairing_changed' };
      const device = ctx.store.device(session.nodeId);
      // Until its command surface is approved a node may not feed the gateway anything (PROTOCOL.md 5.2).
      if (!device?.nodeSurface) throw pairingChanged(device);
      if (params.event === 'node.plugins') {
        // Bounded and closed: the statuses are kept for this session and shown by node.describe.
        session.plugins = eventPayload(NodePluginsUpdateSchema, params).plugins;
      } else if (params.event === 'node.surface') {
        return updateNodeSurface(ctx, session, device, eventPayload(NodeSurfaceUpdateSchema, params));
      } else if (params.event === 'node.host.stats') {
        session.hostStats = { ...eventPayload(HostStatsUpdateSchema, params), updatedAtMs: Date.now() };
        // Kept in memory and written with the next pairing change; losing it is harmless.
        device.lastHostStats = session.hostStats;
      } else {
        return { ok: true };
      }
      return { ok: true, event: params.event, handled: true, reason: 'updated' };
    },
  },

  'node.runnerInventory.update': {
    role: 'node',
    handle: ({ ctx, conn }: { ctx: GatewayContext; conn: Caller }) => {
      const device = conn.deviceId ? ctx.store.device(conn.deviceId) : undefined;
      // PROTOCOL.md 5.2: refused (retryable) until the surface is approved; OpenClaw's node
      // host retries with backoff and publishes again once it is.
      if (!device?.nodeSurface) {
        const requestId = device?.pendingNodeSurface?.requestId;
        const approve = requestId ? `run \`openclaw nodes approve ${requestId}\` (see \`openclaw nodes pending\`)` : 'approve it with `openclaw nodes pending` / `openclaw nodes approve <id>`';
        throw new OpenClawError('UNAVAILABLE', `node capability surface is awaiting operator approval; ${approve}, then this node retries automatically`, {
          retryable: true,
          ...(requestId ? { details: { requestId } } : {}),
        });
      }
      return { nodeId: conn.deviceId };
    },
  },

  'node.skills.update': {
    role: 'node',
    handle: ({ conn, params }: { conn: Caller; params: { skills?: unknown[] } }) => ({ nodeId: conn.deviceId, skills: params.skills ?? [] }),
  },

  'node.pluginTools.update': {
    role: 'node',
    handle: ({ conn, params }: { conn: Caller; params: { tools?: unknown[] } }) => ({ nodeId: conn.deviceId, tools: params.tools ?? [] }),
  },

  'skills.bins': {
    role: 'node',
    handle: () => ({ bins: [] }),
  },
};
