import { resolveNode } from '@openclaw-nodes/core/nodes';
import { callGateway } from '../gateway/gateway-call.js';
import { resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { pluginStatusText, type PluginStatusLike } from '../format/plugin-status.js';
import { age, printJson, table, writeLines } from '../format/table.js';

export interface NodeEntry {
  nodeId: string;
  displayName?: string;
  platform?: string;
  version?: string;
  deviceFamily?: string;
  modelIdentifier?: string;
  remoteIp?: string;
  caps?: string[];
  commands?: string[];
  permissions?: Record<string, boolean>;
  pathEnv?: string;
  approvalState?: string;
  pendingRequestId?: string;
  connectedAtMs?: number;
  paired?: boolean;
  connected?: boolean;
  clientId?: string;
  plugins?: PluginStatusLike[];
  /** In a cluster: the member (gateway boot id) the node is connected to. */
  clusterMember?: string;
}

const READ_PAIRING = ['operator.read', 'operator.pairing'];

export async function listNodes(flags: GatewayFlags): Promise<{ ts: number; nodes: NodeEntry[] }> {
  return callGateway(await resolveTarget(flags, 10_000), READ_PAIRING, 'node.list', {});
}

/** Resolves `--node` against the gateway's node list (CLI.md section 2). */
export async function findNode(flags: GatewayFlags, query: string): Promise<NodeEntry> {
  return resolveNode((await listNodes(flags)).nodes, query);
}

function shortPath(path: string | undefined): string | undefined {
  if (!path) return undefined;
  const home = process.env.HOME;
  const parts = path.split(':').map((p) => (home && p.startsWith(home) ? `~${p.slice(home.length)}` : p));
  return parts.length > 3 ? `${parts[0]}:${parts[1]}:…:${parts[parts.length - 1]}` : parts.join(':');
}

function perms(p: Record<string, boolean> | undefined): string | undefined {
  if (!p || Object.keys(p).length === 0) return undefined;
  return `[${Object.keys(p)
    .sort()
    .map((k) => `${k}=${p[k] ? 'yes' : 'no'}`)
    .join(', ')}]`;
}

function status(n: NodeEntry): string {
  const paired = n.paired ? 'paired' : 'unpaired';
  const live = n.connected ? `connected (${age(n.connectedAtMs)})` : 'disconnected';
  const approval = n.approvalState && n.approvalState !== 'approved' ? ` · ${n.approvalState}` : '';
  return `${paired} · ${live}${approval}`;
}

function detail(n: NodeEntry): string {
  const items = [
    n.deviceFamily && `device: ${n.deviceFamily}`,
    n.modelIdentifier && `hw: ${n.modelIdentifier}`,
    perms(n.permissions) && `perms: ${perms(n.permissions)}`,
    n.version && `core v${n.version}`,
    shortPath(n.pathEnv) && `path: ${shortPath(n.pathEnv)}`,
  ];
  return items.filter(Boolean).join(' · ');
}

/** `openclaw nodes status`. */
export async function nodesStatus(flags: GatewayFlags & { connected?: boolean }): Promise<void> {
  const result = await listNodes(flags);
  const nodes = flags.connected ? result.nodes.filter((n) => n.connected) : result.nodes;
  if (flags.json) return printJson({ ...result, nodes });
  const paired = nodes.filter((n) => n.paired).length;
  const connected = nodes.filter((n) => n.connected).length;
  const of = nodes.length !== result.nodes.length ? ` (of ${result.nodes.length})` : '';
  const lines = [`Known: ${nodes.length}${of} · Paired: ${paired} · Connected: ${connected}`];
  if (nodes.length) {
    // In a cluster, which gateway each node is on (the start of its boot id, as `/health` shows it); else no column.
    const clustered = nodes.some((n) => n.clusterMember);
    const member = (n: NodeEntry) => (clustered ? [n.clusterMember?.slice(0, 8) ?? ''] : []);
    const rows = nodes.map((n) => [n.displayName ?? n.nodeId, n.nodeId, n.remoteIp ?? '', ...member(n), detail(n), status(n), n.caps?.length ? [...n.caps].sort().join(', ') : '?']);
    lines.push(table(['Node', 'ID', 'IP', ...(clustered ? ['Member'] : []), 'Detail', 'Status', 'Caps'], rows));
  }
  const waiting = nodes.filter((n) => n.pendingRequestId);
  for (const n of waiting) lines.push(`Approval pending for ${n.displayName ?? n.nodeId}: run openclaw nodes approve ${n.pendingRequestId}`);
  writeLines(lines);
}

/** `openclaw nodes describe --node <idOrNameOrIp>`. */
export async function nodesDescribe(flags: GatewayFlags & { node: string }): Promise<void> {
  const node = await findNode(flags, flags.node);
  const target = await resolveTarget(flags, 10_000);
  const d = await callGateway<NodeEntry & { ts: number }>(target, READ_PAIRING, 'node.describe', { nodeId: node.nodeId });
  if (flags.json) return printJson(d);
  const rows: Array<[string, string | undefined]> = [
    ['ID', d.nodeId],
    ['Name', d.displayName],
    ['IP', d.remoteIp],
    ['Device', d.deviceFamily],
    ['Model', d.modelIdentifier],
    ['Perms', perms(d.permissions)],
    ['Version', d.version],
    ['PATH', shortPath(d.pathEnv)],
    ['Status', status(d)],
    ['Caps', d.caps?.length ? [...d.caps].sort().join(', ') : undefined],
  ];
  const commands = d.commands?.length ? [...d.commands].sort().map((c) => `- ${c}`) : ['- (none reported)'];
  const body = table(['Field', 'Value'], rows.filter((r): r is [string, string] => Boolean(r[1])));
  // Printed as the node reported them; a control character could not reach the terminal raw.
  const plugins = (d.plugins ?? []).map((p) => `- ${p.name}${p.version ? `@${p.version}` : ''}: ${pluginStatusText(p)}`);
  writeLines(['Node', body, '', 'Commands', ...commands, ...(plugins.length > 0 ? ['', 'Plugins', ...plugins] : [])]);
}
