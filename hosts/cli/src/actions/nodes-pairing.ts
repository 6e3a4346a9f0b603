import { callGateway } from '../gateway/gateway-call.js';
import { resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { age, printJson, table, writeLines } from '../format/table.js';
import { findNode } from './nodes-status.js';

interface PendingRequest {
  requestId: string;
  nodeId: string;
  kind?: string;
  displayName?: string;
  remoteIp?: string;
  isRepair?: boolean;
  reason?: string;
  ts?: number;
  commands?: string[];
  requiredApproveScopes?: string[];
  /** For a device pairing request: the code the node host printed. */
  verificationCode?: string | null;
}

interface PairList {
  pending: PendingRequest[];
  paired: Array<{ nodeId: string; displayName?: string; remoteIp?: string; lastSeenAtMs?: number }>;
}

const pairList = async (flags: GatewayFlags) => callGateway<PairList>(await resolveTarget(flags, 10_000), ['operator.pairing'], 'node.pair.list', {});

function pendingTable(pending: PendingRequest[]): string {
  const rows = pending.map((p) => [
    p.requestId,
    p.displayName ?? p.nodeId,
    p.remoteIp ?? '',
    p.kind === 'device-pairing' ? 'device pairing' : 'commands',
    age(p.ts),
    p.isRepair || p.reason === 'metadata-upgrade' ? 'yes' : '',
    p.verificationCode ?? '',
  ]);
  return table(['Request', 'Node', 'IP', 'Needs', 'Requested', 'Repair', 'Code'], rows);
}

/**
 * `openclaw nodes pending`: everything that keeps a node from working, in one list —
 * device pairing requests of nodes and command-surface approvals alike.
 */
export async function nodesPending(flags: GatewayFlags): Promise<void> {
  const { pending } = await pairList(flags);
  if (flags.json) return printJson(pending);
  if (pending.length === 0) return void process.stdout.write('No pending pairing requests.\n');
  process.stdout.write(`Pending\n${pendingTable(pending)}\n\nApprove with: openclaw nodes approve <requestId> [--code <code>] (check the code against what the node host printed)\n`);
}

/** `openclaw nodes list`. */
export async function nodesList(flags: GatewayFlags): Promise<void> {
  const list = await pairList(flags);
  if (flags.json) return printJson(list);
  const out = [`Pending: ${list.pending.length} · Paired: ${list.paired.length}`];
  if (list.pending.length) out.push('', 'Pending', pendingTable(list.pending));
  if (list.paired.length) {
    const rows = list.paired.map((p) => [p.displayName ?? p.nodeId, p.nodeId, p.remoteIp ?? '', age(p.lastSeenAtMs)]);
    out.push('', 'Paired', table(['Node', 'ID', 'IP', 'Last Connect'], rows));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/**
 * `openclaw nodes approve <requestId>`: approves either kind of request. It reads the scopes
 * the request needs first and asks for exactly those, as the reference CLI does.
 */
export async function nodesApprove(requestId: string, flags: GatewayFlags & { code?: string }): Promise<void> {
  const { pending } = await pairList(flags);
  const scopes = pending.find((p) => p.requestId === requestId)?.requiredApproveScopes ?? ['operator.pairing', 'operator.admin'];
  const result = await callGateway(await resolveTarget(flags, 10_000), scopes, 'node.pair.approve', { requestId, ...(flags.code === undefined ? {} : { code: flags.code }) });
  printJson(result);
}

export async function nodesReject(requestId: string, flags: GatewayFlags): Promise<void> {
  printJson(await callGateway(await resolveTarget(flags, 10_000), ['operator.pairing'], 'node.pair.reject', { requestId }));
}

export async function nodesRename(flags: GatewayFlags & { node: string; name: string }): Promise<void> {
  const node = await findNode(flags, flags.node);
  const result = await callGateway<{ nodeId: string; displayName: string }>(await resolveTarget(flags, 10_000), ['operator.pairing'], 'node.rename', {
    nodeId: node.nodeId,
    displayName: flags.name,
  });
  if (flags.json) return printJson(result);
  writeLines([`node rename ok: ${result.nodeId} -> ${result.displayName}`]);
}

export async function nodesRemove(flags: GatewayFlags & { node: string }): Promise<void> {
  const node = await findNode(flags, flags.node);
  const result = await callGateway<{ nodeId: string }>(await resolveTarget(flags, 10_000), ['operator.pairing'], 'node.pair.remove', { nodeId: node.nodeId });
  if (flags.json) return printJson(result);
  process.stdout.write(`Removed node ${result.nodeId}\n`);
}
