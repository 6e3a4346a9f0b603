import { randomUUID } from 'node:crypto';
import type { NodeClaim, PairedDevice, PendingSurface } from '../state/pairing-model.js';

/** Commands whose approval needs `operator.admin` (PROTOCOL.md section 5.2). */
const ADMIN_COMMANDS: ReadonlySet<string> = new Set([
  'system.run',
  'system.run.prepare',
  'system.which',
  'browser.proxy',
  'browser.proxy.upload.v1',
  'fs.listDir',
  'system.execApprovals.get',
  'system.execApprovals.set',
]);

/** Scopes an operator needs to approve a node declaring these commands. */
export function requiredApproveScopes(commands: readonly string[]): string[] {
  if (commands.length === 0) return ['operator.pairing'];
  if (commands.some((c) => ADMIN_COMMANDS.has(c))) return ['operator.pairing', 'operator.admin'];
  return ['operator.pairing', 'operator.write'];
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * Compares what a node declares with what was approved. A new or widened surface becomes a
 * pending request (never failing the connect); returns it when it is new, so the caller can
 * persist and broadcast it.
 */
export function reconcileSurface(device: PairedDevice, claim: NodeClaim, silent: boolean, now = Date.now()): PendingSurface | undefined {
  const approved = device.nodeSurface;
  const covered =
    approved && claim.commands.every((c) => approved.commands.includes(c)) && claim.caps.every((c) => approved.caps.includes(c));
  if (covered) {
    if (device.pendingNodeSurface) device.pendingNodeSurface = undefined;
    return undefined;
  }
  const open = device.pendingNodeSurface;
  if (open && sameSet(open.commands, claim.commands) && sameSet(open.caps, claim.caps)) return undefined;
  const pending = pendingSurface(claim, randomUUID(), silent, now);
  device.pendingNodeSurface = pending;
  return pending;
}

/** A pending surface request, field by field (see approveInto on why not a spread). */
export function pendingSurface(claim: NodeClaim, requestId: string, silent: boolean, ts: number): PendingSurface {
  return {
    displayName: claim.displayName,
    platform: claim.platform,
    version: claim.version,
    deviceFamily: claim.deviceFamily,
    clientId: claim.clientId,
    clientMode: claim.clientMode,
    caps: claim.caps,
    commands: claim.commands,
    requestId,
    silent,
    ts,
  };
}

/** Makes the pending surface the approved one. */
export function approveSurface(device: PairedDevice, now = Date.now()): void {
  const pending = device.pendingNodeSurface;
  if (!pending) return;
  device.nodeSurface = {
    displayName: pending.displayName,
    version: pending.version,
    caps: [...pending.caps],
    commands: [...pending.commands],
    createdAtMs: device.nodeSurface?.createdAtMs ?? now,
    approvedAtMs: now,
  };
  device.pendingNodeSurface = undefined;
}

/** The `node.pair.requested` / `node.pair.list` pending shape. */
export function surfaceRequestView(device: PairedDevice, p: PendingSurface): Record<string, unknown> {
  return {
    requestId: p.requestId,
    nodeId: device.deviceId,
    clientId: p.clientId,
    clientMode: p.clientMode,
    displayName: p.displayName,
    platform: p.platform,
    version: p.version,
    deviceFamily: p.deviceFamily,
    caps: p.caps,
    commands: p.commands,
    requiredApproveScopes: requiredApproveScopes(p.commands),
    silent: p.silent,
    ts: p.ts,
  };
}

/** The `node.pair.list` paired shape. */
export function pairedNodeView(device: PairedDevice): Record<string, unknown> {
  const s = device.nodeSurface!;
  const view: Record<string, unknown> = {
    nodeId: device.deviceId,
    clientId: device.clientId,
    clientMode: device.clientMode,
    displayName: device.renamedTo ?? s.displayName ?? device.displayName,
    platform: device.platform,
    version: s.version,
    deviceFamily: device.deviceFamily,
    caps: s.caps,
    commands: s.commands,
    createdAtMs: s.createdAtMs,
    approvedAtMs: s.approvedAtMs,
  };
  if (device.lastHostStats) view.lastHostStats = device.lastHostStats;
  if (device.lastSeenAtMs !== undefined) view.lastSeenAtMs = device.lastSeenAtMs;
  if (device.lastSeenReason !== undefined) view.lastSeenReason = device.lastSeenReason;
  return view;
}
