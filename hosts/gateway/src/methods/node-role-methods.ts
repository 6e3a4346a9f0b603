import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { Connection } from '../connection.js';
import type { GatewayContext } from '../gateway-context.js';
import type { InvokeResultParams } from '../invoke/invoke-router.js';
import type { HostStats } from '../state/pairing-model.js';
import type { Caller, MethodTable } from './method-spec.js';

/** The calling node's live session; a stale socket (replaced or removed) has none. */
function sessionOf(ctx: GatewayContext, conn: Connection) {
  const session = conn.deviceId ? ctx.registry.get(conn.deviceId) : undefined;
  return session && session.conn === conn ? session : undefined;
}

function parsePayload(params: { payloadJSON?: string | null; payload?: unknown }): unknown {
  if (typeof params.payloadJSON === 'string') {
    try {
      return JSON.parse(params.payloadJSON);
    } catch {
      return undefined;
    }
  }
  return params.payload;
}

/** Methods only a node may call (PROTOCOL.md section 8). */
export const nodeRoleMethods: MethodTable = {
  'node.invoke.result': {
    role: 'node',
    handle: ({ ctx, conn, params }: { ctx: GatewayContext; conn: Connection; params: InvokeResultParams }) => {
      if (params.nodeId !== conn.deviceId) throw new OpenClawError('INVALID_REQUEST', 'nodeId mismatch');
      const session = sessionOf(ctx, conn);
      if (!session) return { ok: true, ignored: true };
      return ctx.invoker.result(session, params);
    },
  },

  'node.event': {
    role: 'node',
    handle: ({ ctx, conn, params }: { ctx: GatewayContext; conn: Connection; params: { event: string; payloadJSON?: string | null; payload?: unknown } }) => {
      const session = sessionOf(ctx, conn);
      if (!session) return { ok: true, event: params.event, handled: false, reason: 'pairing_changed' };
      if (params.event === 'node.host.stats') {
        const stats = parsePayload(params);
        if (typeof stats === 'object' && stats !== null) {
          session.hostStats = { ...(stats as Omit<HostStats, 'updatedAtMs'>), updatedAtMs: Date.now() };
          const device = ctx.store.device(session.nodeId);
          // Kept in memory and written with the next pairing change; losing it is harmless.
          if (device) device.lastHostStats = session.hostStats;
          return { ok: true, event: params.event, handled: true, reason: 'updated' };
        }
      }
      return { ok: true };
    },
  },

  'node.runnerInventory.update': {
    role: 'node',
    handle: ({ conn }) => ({ nodeId: conn.deviceId }),
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
