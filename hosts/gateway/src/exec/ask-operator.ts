import { OpenClawError } from '@openclaw-nodes/core/errors';
import { maxAsk, minSecurity, requiresAsk, type ExecAsk, type ExecSecurity } from '@openclaw-nodes/core/exec';
import type { GatewayContext } from '../gateway-context.js';
import type { ApprovalView } from './approval-queue.js';
import type { PreparedPlan } from './node-plan.js';

/** One command that needs an operator's decision before it runs. */
export interface AskInput {
  readonly host: 'node' | 'gateway';
  /** The node that runs it; null for `host=gateway`. */
  readonly nodeId: string | null;
  readonly nodeName: string | undefined;
  readonly agentId: string;
  readonly sessionKey: string | undefined;
  /** The effective policy shown to the operator. */
  readonly security: ExecSecurity;
  readonly ask: ExecAsk;
  readonly askFallback: ExecSecurity;
  /** How long operators have to answer, ms. */
  readonly timeoutMs: number;
  /** The command text as the caller gave it. */
  readonly command: string;
  /** What the machine that runs it prepared: the approval is bound to its hash. */
  readonly plan: PreparedPlan & { readonly planHash: string };
  /** Who waits for the answer; the request is withdrawn when it leaves (`ApprovalQueue.withdrawFor`). */
  readonly owner?: object;
}

/** The approval fields added to `system.run` (none when the allowlist there is to decide). */
export type ApprovalFields = Record<string, unknown>;

/** A security and ask pair (EXEC.md 4.1). */
export interface AskPolicy {
  readonly security: ExecSecurity;
  readonly ask: ExecAsk;
}

/**
 * Whether someone must be asked: the caller's policy says so, or the policy of the machine
 * that runs the command does (EXEC.md 1: a node can tighten, never loosen). `covered` says
 * whether that machine's allowlist covers the command; asked for only when it matters.
 */
export async function approvalNeeded(requested: AskPolicy, own: AskPolicy | undefined, covered: () => Promise<boolean>): Promise<boolean> {
  const policies = own && own.security !== 'deny' ? [requested, own] : [requested];
  if (policies.some((p) => requiresAsk(p.security, p.ask, true))) return true;
  if (!policies.some((p) => requiresAsk(p.security, p.ask, false))) return false;
  return !(await covered());
}

/** The stricter security and the more insistent ask of the two, as the prompt shows them. */
export function shownPolicy(requested: AskPolicy, own: AskPolicy | undefined): AskPolicy {
  return own ? { security: minSecurity(requested.security, own.security), ask: maxAsk(requested.ask, own.ask) } : requested;
}

/**
 * Opens a request (EXEC.md 6.2) and maps its answer: `allow-once`/`allow-always` → the
 * approval fields for `system.run`, bound to the plan hash, so the approval is good for that
 * exact argv, cwd, environment and resolved programs, once (the machine adds the programs to
 * its allowlist on `allow-always`); `deny` → `EXEC_DENIED`; no answer before the expiry →
 * `askFallback`. `fields` rejects with those errors; the request is broadcast at once.
 *
 * @throws OpenClawError `EXEC_APPROVALS_FULL` (synchronously, nothing opened).
 */
export function openApproval(ctx: GatewayContext, input: AskInput): { view: ApprovalView; fields: Promise<ApprovalFields> } {
  const { plan } = input;
  const { view, decision } = ctx.approvals.open(
    {
      command: input.command,
      resolvedPath: plan.programs[0] ?? null,
      programs: plan.programs,
      cwd: plan.cwd,
      host: input.host,
      nodeId: input.nodeId,
      nodeName: input.nodeName ?? null,
      agentId: input.agentId,
      sessionKey: input.sessionKey ?? null,
      security: input.security,
      ask: input.ask,
      planHash: plan.planHash,
    },
    input.timeoutMs,
    { complete: plan.complete, persists: plan.policy === undefined || plan.policy.security === 'allowlist' },
    input.owner,
  );
  const fields = decision.then((answer): ApprovalFields => {
    if (answer === 'deny') {
      throw new OpenClawError('EXEC_DENIED', `exec denied: an operator denied the command (${where(input)} id=${view.id})`, {
        details: { ...target(input), approvalId: view.id, reason: 'user-denied' },
      });
    }
    if (answer) return { approved: true, approvalDecision: answer, runId: view.id, planHash: plan.planHash };
    return askFallback(input, `no operator answered within ${Math.round(input.timeoutMs / 1000)} s`, view.id);
  });
  return { view, fields };
}

/** Asks the operators and waits for the answer (see `openApproval`). */
export function askOperator(ctx: GatewayContext, input: AskInput): Promise<ApprovalFields> {
  return openApproval(ctx, input).fields;
}

/**
 * askFallback: `deny` refuses, `allowlist` lets the allowlist there decide, `full` runs once.
 * @throws OpenClawError `EXEC_DENIED` for `deny`.
 */
export function askFallback(input: Pick<AskInput, 'askFallback' | 'host' | 'nodeId'>, why: string, approvalId: string | undefined): ApprovalFields {
  if (input.askFallback === 'full') return { approved: true, approvalDecision: 'allow-once' };
  if (input.askFallback === 'allowlist') return {};
  throw new OpenClawError('EXEC_DENIED', `exec denied: approval required, and ${why} (askFallback=deny)`, {
    details: { ...target(input), reason: approvalId ? 'approval-timeout' : 'approval-required', ...(approvalId ? { approvalId } : {}) },
  });
}

const where = (input: Pick<AskInput, 'host' | 'nodeId'>) => (input.nodeId === null ? `host=${input.host}` : `node=${input.nodeId}`);
const target = (input: Pick<AskInput, 'host' | 'nodeId'>) => (input.nodeId === null ? { host: input.host } : { nodeId: input.nodeId });
