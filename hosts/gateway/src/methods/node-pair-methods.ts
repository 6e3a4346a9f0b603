import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayContext } from '../gateway-context.js';
import { approvesOwnDevice, assertMayApprove, assertWithinReach, deviceGrantScopes, firstMissingScope, withinReach } from '../pairing/approval-authority.js';
import { approveDevice } from '../pairing/device-approval.js';
import { requestCode } from '../pairing/pairing-code-check.js';
import { approveSurface, pairedNodeView, requiredApproveScopes, surfaceRequestView } from '../pairing/node-surface.js';
import type { PendingDevice } from '../state/pairing-model.js';
import { PAIRING, type Caller, type MethodTable } from './method-spec.js';

const unknownRequest = (requestId: string) => new OpenClawError('UNKNOWN_REQUEST_ID', 'unknown requestId', { details: { requestId } });

/** What approving a node's device pairing grants: the node role (admin) and its declared surface. */
const nodePairingScopes = (p: PendingDevice) => [...new Set([...requiredApproveScopes(p.claim?.commands ?? []), ...deviceGrantScopes(p)])];

/**
 * A node's device pairing request shown in the node pending view: one place lists everything
 * that keeps a node from working, whichever store it lives in.
 */
function devicePairingView(ctx: GatewayContext, p: PendingDevice): Record<string, unknown> {
  const commands = p.claim?.commands ?? [];
  return {
    requestId: p.requestId,
    nodeId: p.deviceId,
    kind: 'device-pairing',
    reason: p.reason,
    clientId: p.clientId,
    clientMode: p.clientMode,
    displayName: p.displayName,
    platform: p.platform,
    version: p.claim?.version,
    deviceFamily: p.deviceFamily,
    caps: p.claim?.caps ?? [],
    commands,
    remoteIp: p.remoteIp,
    verificationCode: requestCode(ctx, p),
    requiredApproveScopes: nodePairingScopes(p),
    silent: false,
    ts: p.ts,
  };
}

/**
 * The approver must hold every scope the approval grants (`FORBIDDEN` + `MISSING_SCOPE`, as
 * OpenClaw answers), and a device never approves its own node (`PAIRING_APPROVAL_DENIED`).
 */
function authorizeNodeApproval(conn: Caller, request: { requestId: string; deviceId: string }, scopes: readonly string[]): void {
  if (approvesOwnDevice(conn, request.deviceId)) assertMayApprove(conn, request, scopes, 'node pairing approval denied');
  const missing = firstMissingScope(conn, scopes);
  if (missing) {
    throw new OpenClawError('MISSING_SCOPE', `missing scope: ${missing}`, { details: { missingScope: missing, requiredScopes: [...scopes] } });
  }
}

/** Tells the node its surface changed (targeted, no seq) and everyone else by broadcast. */
function announceNodeResolution(ctx: GatewayContext, nodeId: string, requestId: string, decision: string): void {
  const payload = { requestId, nodeId, decision, ts: Date.now() };
  ctx.registry.get(nodeId)?.conn.targeted('node.pair.resolved', payload);
  ctx.hub.broadcast('node.pair.resolved', payload);
}

export const nodePairMethods: MethodTable = {
  'node.pair.list': {
    role: 'operator',
    scopes: PAIRING,
    handle: ({ ctx, conn }: { ctx: GatewayContext; conn: Caller }) => {
      const devices = ctx.store.devices().filter((d) => withinReach(conn, d.deviceId));
      const surfaces = devices.filter((d) => d.pendingNodeSurface).map((d) => surfaceRequestView(d, d.pendingNodeSurface!));
      const pairings = ctx.store.pendingDevices().filter((p) => p.role === 'node' && withinReach(conn, p.deviceId)).map((p) => devicePairingView(ctx, p));
      return {
        pending: [...pairings, ...surfaces],
        paired: devices.filter((d) => d.roles.includes('node') && d.nodeSurface).map(pairedNodeView),
      };
    },
  },

  'node.pair.approve': {
    role: 'operator',
    scopes: PAIRING,
    handle: async ({ ctx, conn, params }: { ctx: GatewayContext; conn: Caller; params: { requestId: string; code?: string } }) => {
      const { requestId } = params;
      const pendingDevice = ctx.store.pendingDevice(requestId);
      if (pendingDevice && pendingDevice.role === 'node') {
        authorizeNodeApproval(conn, pendingDevice, nodePairingScopes(pendingDevice));
        const device = await approveDevice(ctx, pendingDevice, { withSurface: true, code: params.code });
        announceNodeResolution(ctx, device.deviceId, requestId, 'approved');
        return { requestId, node: pairedNodeView(device) };
      }
      const device = ctx.store.surfaceRequest(requestId);
      if (!device) throw unknownRequest(requestId);
      authorizeNodeApproval(conn, { requestId, deviceId: device.deviceId }, requiredApproveScopes(device.pendingNodeSurface!.commands));
      approveSurface(device);
      await ctx.store.save();
      announceNodeResolution(ctx, device.deviceId, requestId, 'approved');
      return { requestId, node: pairedNodeView(device) };
    },
  },

  'node.pair.reject': {
    role: 'operator',
    scopes: PAIRING,
    handle: async ({ ctx, conn, params }: { ctx: GatewayContext; conn: Caller; params: { requestId: string } }) => {
      const { requestId } = params;
      const pendingDevice = ctx.store.pendingDevice(requestId);
      if (pendingDevice && pendingDevice.role === 'node') {
        assertWithinReach(conn, pendingDevice.deviceId);
        ctx.store.removePending(requestId);
        await ctx.store.save();
        ctx.hub.broadcast('device.pair.resolved', { requestId, deviceId: pendingDevice.deviceId, decision: 'rejected', ts: Date.now() });
        return { requestId, nodeId: pendingDevice.deviceId };
      }
      const device = ctx.store.surfaceRequest(requestId);
      if (!device) throw unknownRequest(requestId);
      assertWithinReach(conn, device.deviceId);
      device.pendingNodeSurface = undefined;
      await ctx.store.save();
      announceNodeResolution(ctx, device.deviceId, requestId, 'rejected');
      return { requestId, nodeId: device.deviceId };
    },
  },

  'node.pair.remove': {
    role: 'operator',
    scopes: PAIRING,
    handle: async ({ ctx, conn, params }: { ctx: GatewayContext; conn: Caller; params: { nodeId: string } }) => {
      const device = ctx.store.device(params.nodeId);
      if (!device?.roles.includes('node')) throw new OpenClawError('UNKNOWN_NODE', 'unknown nodeId', { details: { nodeId: params.nodeId } });
      assertWithinReach(conn, device.deviceId);
      device.roles = device.roles.filter((r) => r !== 'node');
      delete device.tokens.node;
      device.nodeSurface = undefined;
      device.pendingNodeSurface = undefined;
      if (device.roles.length === 0) ctx.store.removeDevice(device.deviceId);
      await ctx.store.save();
      announceNodeResolution(ctx, params.nodeId, '', 'removed');
      ctx.registry.get(params.nodeId)?.conn.close(1008, 'node pairing removed');
      return { nodeId: params.nodeId };
    },
  },
};
