import type { GatewayContext } from '../gateway-context.js';
import type { PairedDevice, PendingDevice } from '../state/pairing-model.js';
import { approveInto } from './device-admission.js';
import { approveSurface, pendingSurface } from './node-surface.js';
import { checkPairingCode } from './pairing-code-check.js';

/**
 * An operator approves a pending device request. With `withSurface`, the node's declared
 * command surface is approved in the same step, so one approval makes a node usable. Every
 * path that approves a node (`nodes approve`, `devices approve`, HTTP) comes through here, so
 * the verification code is checked on each.
 *
 * @throws OpenClawError `PAIRING_CODE_MISMATCH`, `PAIRING_CODE_REQUIRED` (see `checkPairingCode`).
 */
export async function approveDevice(ctx: GatewayContext, request: PendingDevice, options: { withSurface: boolean; code?: string }): Promise<PairedDevice> {
  checkPairingCode(ctx, request, options.code);
  const now = Date.now();
  const device = approveInto(ctx.store.device(request.deviceId), request, 'owner', now);
  if (request.claim && options.withSurface) {
    device.pendingNodeSurface = pendingSurface(request.claim, request.requestId, false, request.ts);
    approveSurface(device, now);
  }
  ctx.store.putDevice(device);
  ctx.store.removePending(request.requestId);
  await ctx.store.save();
  ctx.hub.broadcast('device.pair.resolved', { requestId: request.requestId, deviceId: request.deviceId, decision: 'approved', ts: now });
  return device;
}
