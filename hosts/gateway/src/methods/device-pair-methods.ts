import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayContext } from '../gateway-context.js';
import { publicPending } from '../pairing/device-admission.js';
import { requestCode } from '../pairing/pairing-code-check.js';
import { assertMayApprove, assertWithinReach, deviceGrantScopes, withinReach } from '../pairing/approval-authority.js';
import { approveDevice } from '../pairing/device-approval.js';
import { displayNameOf, type PairedDevice } from '../state/pairing-model.js';
import { PAIRING, type Caller, type MethodTable } from './method-spec.js';
import { closeRevokedSessions } from '../pairing/revoked-sessions.js';

/** The `device.pair.list` paired record: token values are never listed. */
function pairedDeviceView(ctx: GatewayContext, d: PairedDevice): Record<string, unknown> {
  const view: Record<string, unknown> = {
    deviceId: d.deviceId,
    publicKey: d.publicKey,
    displayName: displayNameOf(d),
    platform: d.platform,
    deviceFamily: d.deviceFamily,
    clientId: d.clientId,
    clientMode: d.clientMode,
    role: d.roles[0],
    roles: d.roles,
    scopes: d.scopes,
    approvedVia: d.approvedVia,
    createdAtMs: d.createdAtMs,
    approvedAtMs: d.approvedAtMs,
    lastSeenAtMs: d.lastSeenAtMs,
    lastSeenReason: d.lastSeenReason,
    connected: Boolean(ctx.registry.route(d.deviceId)),
    tokens: Object.entries(d.tokens).map(([role, t]) => ({ role, scopes: t.scopes, createdAtMs: t.createdAtMs })),
  };
  if (d.nodeSurface) view.nodeSurface = d.nodeSurface;
  if (d.pendingNodeSurface) {
    const { clientId: _c, clientMode: _m, ...pending } = d.pendingNodeSurface;
    view.pendingNodeSurface = pending;
  }
  return view;
}

const unknownRequest = (requestId: string) => new OpenClawError('UNKNOWN_REQUEST_ID', 'unknown requestId', { details: { requestId } });

export const devicePairMethods: MethodTable = {
  'device.pair.list': {
    role: 'operator',
    scopes: PAIRING,
    handle: ({ ctx, conn }: { ctx: GatewayContext; conn: Caller }) => ({
      pending: ctx.store.pendingDevices().filter((p) => withinReach(conn, p.deviceId)).map((p) => ({ ...publicPending(p), verificationCode: requestCode(ctx, p) })),
      paired: ctx.store.devices().filter((d) => withinReach(conn, d.deviceId)).map((d) => pairedDeviceView(ctx, d)),
    }),
  },

  'device.pair.approve': {
    role: 'operator',
    scopes: PAIRING,
    handle: async ({ ctx, conn, params }: { ctx: GatewayContext; conn: Caller; params: { requestId: string; code?: string } }) => {
      const request = ctx.store.pendingDevice(params.requestId);
      if (!request) throw unknownRequest(params.requestId);
      // The approver must hold all the request grants (admin for a node); the CLI retries with admin.
      assertMayApprove(conn, request, deviceGrantScopes(request));
      const device = await approveDevice(ctx, request, { withSurface: false, code: params.code });
      return { requestId: params.requestId, device: pairedDeviceView(ctx, device) };
    },
  },

  'device.pair.reject': {
    role: 'operator',
    scopes: PAIRING,
    handle: async ({ ctx, conn, params }: { ctx: GatewayContext; conn: Caller; params: { requestId: string } }) => {
      const pending = ctx.store.pendingDevice(params.requestId);
      if (!pending) throw unknownRequest(params.requestId);
      assertWithinReach(conn, pending.deviceId);
      const request = ctx.store.removePending(params.requestId);
      if (!request) throw unknownRequest(params.requestId);
      await ctx.store.save();
      ctx.hub.broadcast('device.pair.resolved', { requestId: params.requestId, deviceId: request.deviceId, decision: 'rejected', ts: Date.now() });
      return { requestId: params.requestId, deviceId: request.deviceId };
    },
  },

  'device.pair.remove': {
    role: 'operator',
    scopes: PAIRING,
    handle: async ({ ctx, conn, params }: { ctx: GatewayContext; conn: Caller; params: { deviceId: string } }) => {
      if (ctx.store.device(params.deviceId)) assertWithinReach(conn, params.deviceId);
      const device = ctx.store.removeDevice(params.deviceId);
      if (!device) throw new OpenClawError('UNKNOWN_NODE', 'unknown deviceId', { details: { deviceId: params.deviceId } });
      await ctx.store.save();
      // Revoking the pairing revokes its tokens; live sessions of that device end now.
      closeRevokedSessions(ctx.hub, params.deviceId, undefined);
      return { deviceId: params.deviceId };
    },
  },
};
