import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { NodeSurfaceUpdate } from '@openclaw-nodes/core/protocol';
import type { GatewayContext } from '../gateway-context.js';
import { reconcileSurface, surfaceRequestView } from '../pairing/node-surface.js';
import type { NodeSession } from '../registry/node-session.js';
import type { PairedDevice } from '../state/pairing-model.js';

/**
 * At most one surface change a second per node: each may write the pairing file and reach
 * every operator, and a real node changes its surface when a person edits its config.
 */
export const SURFACE_INTERVAL_MS = 1_000;

/**
 * Applies a connected node's `node.surface` event: its caps, commands and permission map
 * replace what it declared in `connect`, so `node.list`, `node.describe` and the HTTP API show
 * them at once. A command the operator never approved becomes a pending surface request, as
 * on a reconnect: it is not routed until approved. Persists and broadcasts a new request.
 * @throws OpenClawError `UNAVAILABLE` (retryable, with `retryAfterMs`) within `SURFACE_INTERVAL_MS` of the last change.
 */
export async function updateNodeSurface(ctx: GatewayContext, session: NodeSession, device: PairedDevice, update: NodeSurfaceUpdate) {
  const now = Date.now();
  const wait = (session.surfaceChangedAtMs ?? -Infinity) + SURFACE_INTERVAL_MS - now;
  if (wait > 0) {
    throw new OpenClawError('UNAVAILABLE', `node.surface at most once every ${SURFACE_INTERVAL_MS} ms; retry in ${wait} ms`, { retryable: true, retryAfterMs: wait });
  }
  session.surfaceChangedAtMs = now;
  session.claim = { ...session.claim, caps: update.caps, commands: update.commands };
  session.permissions = update.permissions;
  ctx.registry.surfaceChanged(session);
  const pending = reconcileSurface(device, session.claim, device.approvedVia === 'silent');
  if (ctx.hub.observed) {
    const { displayName } = session.claim;
    ctx.hub.emit('node.surface', { nodeId: session.nodeId, displayName, caps: update.caps, commands: update.commands, permissions: update.permissions ?? {}, ts: Date.now() });
  }
  if (pending) {
    await ctx.store.save();
    ctx.hub.broadcast('node.pair.requested', surfaceRequestView(device, pending));
  }
  return { ok: true, event: 'node.surface', handled: true, reason: pending ? 'approval-requested' : 'updated' };
}
