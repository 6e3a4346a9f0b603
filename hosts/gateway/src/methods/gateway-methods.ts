import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayContext } from '../gateway-context.js';
import { ADMIN, READ, type MethodTable } from './method-spec.js';
import { relayToNode } from '../exec/node-relay.js';

/** Gateway-level operator methods: health, a minimal config view, exec approvals relays. */
export const gatewayMethods: MethodTable = {
  health: {
    role: 'operator',
    scopes: READ,
    handle: ({ ctx }) => ({
      ok: true,
      ts: Date.now(),
      uptimeMs: Date.now() - ctx.startedAtMs,
      nodes: { connected: ctx.registry.size },
      connections: ctx.hub.size,
    }),
  },

  // `approvals get` reads this only to print an effective policy; secrets never leave.
  'config.get': {
    role: 'operator',
    scopes: READ,
    handle: () => ({ config: {}, valid: true }),
  },

  'exec.approvals.node.get': {
    role: 'operator',
    scopes: ADMIN,
    handle: ({ ctx, params }: { ctx: GatewayContext; params: { nodeId: string } }) =>
      relayToNode(ctx, params.nodeId, 'system.execApprovals.get', {}),
  },

  'exec.approvals.node.set': {
    role: 'operator',
    scopes: ADMIN,
    handle: ({ ctx, params }: { ctx: GatewayContext; params: { nodeId: string; file?: unknown; baseHash?: string } }) => {
      if (params.file === undefined) throw new OpenClawError('INVALID_REQUEST', 'exec approvals file required');
      return relayToNode(ctx, params.nodeId, 'system.execApprovals.set', { file: params.file, baseHash: params.baseHash });
    },
  },
};
