import { callGateway } from '../gateway/gateway-call.js';
import { resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { printable, printJson, table } from '../format/table.js';

interface PendingApproval {
  id: string;
  request: { command: string; resolvedPath: string | null; programs?: string[]; cwd: string | null; host?: string; nodeId: string | null; nodeName: string | null; agentId: string };
  createdAtMs: number;
  expiresAtMs: number;
}

interface ResolveResult {
  id: string;
  decision: string;
  allowlisted?: string[];
  alsoApproved?: string[];
  note?: string;
}

const SCOPES = ['operator.approvals'];

/** Seconds left before a request falls back to askFallback. */
const left = (expiresAtMs: number) => `${Math.max(0, Math.round((expiresAtMs - Date.now()) / 1000))}s`;

/** `openclaw approvals pending [--json]`: exec approval requests waiting for an operator. */
export async function approvalsPending(flags: GatewayFlags & { json?: boolean }): Promise<void> {
  const { pending } = await callGateway<{ pending: PendingApproval[] }>(await resolveTarget(flags, 10_000), SCOPES, 'exec.approval.list', {});
  if (flags.json) return printJson(pending);
  if (pending.length === 0) return void process.stdout.write('No exec approvals pending.\n');
  const rows = pending.map(({ id, request: r, expiresAtMs }) => [
    id,
    r.host === 'gateway' ? 'gateway' : (r.nodeName ?? r.nodeId ?? ''),
    r.agentId,
    r.command,
    (r.programs ?? (r.resolvedPath ? [r.resolvedPath] : [])).join(', '),
    r.cwd ?? '',
    left(expiresAtMs),
  ]);
  process.stdout.write(`${table(['ID', 'Node', 'Agent', 'Command', 'Program', 'Cwd', 'Expires in'], rows)}\n\nAnswer with: openclaw approvals allow <id> [--always] | openclaw approvals deny <id>\n`);
}

/**
 * `openclaw approvals allow <id> [--always]` and `approvals deny <id>`: answers one request.
 * `--always` also adds the command's programs to the node's allowlist.
 */
export async function approvalsResolve(id: string, decision: 'allow-once' | 'allow-always' | 'deny', flags: GatewayFlags & { json?: boolean }): Promise<void> {
  const result = await callGateway<ResolveResult>(await resolveTarget(flags, 10_000), SCOPES, 'exec.approval.resolve', { id, decision });
  if (flags.json) return printJson(result);
  const lines = [decision === 'deny' ? `Denied ${result.id}.` : `Approved ${result.id} (${result.decision}).`];
  // What "always" changed, in words: the node's paths are shown printable.
  if (result.allowlisted?.length) lines.push(`Added to the allowlist: ${result.allowlisted.map(printable).join(', ')}.`);
  if (result.note) lines.push(`Nothing added to the allowlist: ${printable(result.note)}.`);
  if (result.alsoApproved?.length) lines.push(`Also approved, now covered: ${result.alsoApproved.map(printable).join(', ')}.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
