import { callGateway } from '../gateway/gateway-call.js';
import { resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { printJson, table } from '../format/table.js';

interface PendingApproval {
  id: string;
  request: { command: string; resolvedPath: string | null; cwd: string | null; nodeId: string; nodeName: string | null; agentId: string };
  createdAtMs: number;
  expiresAtMs: number;
}

const SCOPES = ['operator.approvals'];

/** Seconds left before a request falls back to askFallback. */
const left = (expiresAtMs: number) => `${Math.max(0, Math.round((expiresAtMs - Date.now()) / 1000))}s`;

/** `openclaw approvals pending [--json]`: exec approval requests waiting for an operator. */
export async function approvalsPending(flags: GatewayFlags & { json?: boolean }): Promise<void> {
  const { pending } = await callGateway<{ pending: PendingApproval[] }>(await resolveTarget(flags, 10_000), SCOPES, 'exec.approval.list', {});
  if (flags.json) return printJson(pending);
  if (pending.length === 0) return void process.stdout.write('No exec approvals pending.\n');
  const rows = pending.map((p) => [p.id, p.request.nodeName ?? p.request.nodeId, p.request.agentId, p.request.command, p.request.resolvedPath ?? '', p.request.cwd ?? '', left(p.expiresAtMs)]);
  process.stdout.write(`${table(['ID', 'Node', 'Agent', 'Command', 'Program', 'Cwd', 'Expires in'], rows)}\n\nAnswer with: openclaw approvals allow <id> [--always] | openclaw approvals deny <id>\n`);
}

/**
 * `openclaw approvals allow <id> [--always]` and `approvals deny <id>`: answers one request.
 * `--always` also adds the command's programs to the node's allowlist.
 */
export async function approvalsResolve(id: string, decision: 'allow-once' | 'allow-always' | 'deny', flags: GatewayFlags & { json?: boolean }): Promise<void> {
  const result = await callGateway<{ id: string; decision: string }>(await resolveTarget(flags, 10_000), SCOPES, 'exec.approval.resolve', { id, decision });
  if (flags.json) return printJson(result);
  process.stdout.write(decision === 'deny' ? `Denied ${result.id}.\n` : `Approved ${result.id} (${result.decision}).\n`);
}
