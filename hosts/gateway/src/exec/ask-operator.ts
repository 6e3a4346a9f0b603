import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { ExecAsk, ExecSecurity } from '@openclaw-nodes/core/exec';
import type { GatewayContext } from '../gateway-context.js';
import { relayToNode } from './node-relay.js';

/** One command that needs an operator's decision before it goes to the node. */
export interface AskInput {
  readonly nodeId: string;
  readonly nodeName: string | undefined;
  readonly agentId: string;
  readonly sessionKey: string | undefined;
  readonly security: ExecSecurity;
  readonly ask: ExecAsk;
  readonly askFallback: ExecSecurity;
  /** How long operators have to answer, ms. */
  readonly timeoutMs: number;
  /** The `system.run` params the node will get: command, rawCommand, cwd, env. */
  readonly run: { readonly command: string[]; readonly rawCommand: string; readonly cwd?: string; readonly env?: Record<string, string> };
}

/** The approval fields added to `system.run` (none when the node's allowlist is to decide). */
export type ApprovalFields = Record<string, unknown>;

interface Prepared {
  planHash?: unknown;
  plan?: { commandText?: unknown; cwd?: unknown };
  allowAlwaysCoverage?: { patterns?: Array<{ pattern?: unknown }> };
}

/**
 * Asks the operators (EXEC.md 6.2). The node first prepares the command
 * (`system.run.prepare`): its plan hash binds the request, so the approval is good for that
 * exact argv, cwd, environment and resolved programs, once. `allow-once`/`allow-always` →
 * the approval fields for `system.run` (the node adds the programs to its allowlist on
 * `allow-always`); `deny` → `EXEC_DENIED`; no answer before the expiry, or a node that
 * cannot prepare → `askFallback`.
 *
 * @throws OpenClawError `EXEC_DENIED` (denied, or askFallback=deny), `EXEC_APPROVALS_FULL`.
 */
export async function askOperator(ctx: GatewayContext, input: AskInput): Promise<ApprovalFields> {
  const prepared = (await relayToNode(ctx, input.nodeId, 'system.run.prepare', { ...input.run, agentId: input.agentId, ...(input.sessionKey ? { sessionKey: input.sessionKey } : {}) }).catch(() => undefined)) as Prepared | undefined;
  if (typeof prepared?.planHash !== 'string') return fallback(input, 'the node could not prepare the command for approval', undefined);
  const resolved = prepared.allowAlwaysCoverage?.patterns?.map((p) => p.pattern).find((p): p is string => typeof p === 'string');
  const { view, decision } = ctx.approvals.open(
    {
      command: input.run.rawCommand,
      resolvedPath: resolved ?? null,
      cwd: typeof prepared.plan?.cwd === 'string' ? prepared.plan.cwd : (input.run.cwd ?? null),
      host: 'node',
      nodeId: input.nodeId,
      nodeName: input.nodeName ?? null,
      agentId: input.agentId,
      sessionKey: input.sessionKey ?? null,
      security: input.security,
      ask: input.ask,
      planHash: prepared.planHash,
    },
    input.timeoutMs,
  );
  const answer = await decision;
  if (answer === 'deny') {
    throw new OpenClawError('EXEC_DENIED', `exec denied: an operator denied the command (node=${input.nodeId} id=${view.id})`, { details: { nodeId: input.nodeId, approvalId: view.id, reason: 'user-denied' } });
  }
  if (answer) return { approved: true, approvalDecision: answer, runId: view.id, planHash: prepared.planHash };
  return fallback(input, `no operator answered within ${Math.round(input.timeoutMs / 1000)} s`, view.id);
}

/** askFallback: `deny` refuses, `allowlist` lets the node's allowlist decide, `full` runs once. */
function fallback(input: AskInput, why: string, approvalId: string | undefined): ApprovalFields {
  if (input.askFallback === 'full') return { approved: true, approvalDecision: 'allow-once' };
  if (input.askFallback === 'allowlist') return {};
  throw new OpenClawError('EXEC_DENIED', `exec denied: approval required, and ${why} (askFallback=deny)`, {
    details: { nodeId: input.nodeId, reason: approvalId ? 'approval-timeout' : 'approval-required', ...(approvalId ? { approvalId } : {}) },
  });
}
