import { randomUUID } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { EXEC_ASK, EXEC_SECURITY } from '@openclaw-nodes/core/protocol';
import { formatArgv } from '@openclaw-nodes/core/exec';
import { z } from 'zod';
import type { GatewayContext } from '../gateway-context.js';
import { routableNode } from '../methods/node-methods.js';
import type { ApprovalRequestView } from './approval-queue.js';
import { openApproval } from './ask-operator.js';
import { MAX_EXEC_COMMAND } from './exec-args.js';
import { gatewayHostPolicy } from './gateway-exec-policy.js';
import { MAX_PLAN_PATH } from './node-plan.js';
import { nodeApprovalStep } from './node-approval.js';

/** `exec.approval.request`: a `system.run` its caller means to send with `node.invoke`. */
export const requestApprovalParams = z.strictObject({
  nodeId: z.string().trim().min(1).max(256),
  command: z.array(z.string().max(MAX_EXEC_COMMAND)).min(1, 'command required').max(4_096),
  rawCommand: z.string().max(MAX_EXEC_COMMAND).optional(),
  cwd: z.string().max(MAX_PLAN_PATH).optional(),
  env: z.record(z.string().max(256), z.string().max(MAX_EXEC_COMMAND)).optional(),
  agentId: z.string().trim().min(1).max(256).optional(),
  sessionKey: z.string().trim().min(1).max(512).optional(),
  security: z.enum(EXEC_SECURITY).optional(),
  ask: z.enum(EXEC_ASK).optional(),
});
export type RequestApprovalParams = z.output<typeof requestApprovalParams>;

/**
 * `not-needed`: send the command without a `runId` of ours; `accepted` (an operator is asked)
 * and `approved` (the gateway's askFallback=full): send it with `runId: id`.
 */
export type RequestApprovalResult =
  | { readonly status: 'not-needed' }
  | { readonly status: 'approved'; readonly id: string }
  | { readonly status: 'accepted'; readonly id: string; readonly expiresAtMs: number; readonly request: ApprovalRequestView };

/**
 * Asks the operators, for the caller, whether a `system.run` may run on a node — the flow
 * `exec` with `host=node` uses (the node's own policy counts, the plan hash binds), answered
 * at once so the caller can say what it waits for. The caller then sends the command with
 * `node.invoke` and `runId: id` on the same connection; that call waits for the answer.
 * The caller's `security` and `ask` can only tighten the gateway's and the node's.
 *
 * @throws OpenClawError `EXEC_DENIED` (security=deny, or askFallback=deny with nobody to ask),
 *   `EXEC_PLAN_INVALID`, `EXEC_APPROVALS_FULL`, and the node routing errors.
 */
export async function requestApproval(ctx: GatewayContext, owner: object, p: RequestApprovalParams, settings: { stateDir: string; timeoutMs: number }): Promise<RequestApprovalResult> {
  const target = routableNode(ctx, p.nodeId, 'system.run');
  const agentId = p.agentId ?? 'main';
  const policy = await gatewayHostPolicy(settings.stateDir, agentId, p.security ?? 'full', p.ask ?? 'off');
  if (policy.security === 'deny') throw new OpenClawError('EXEC_DENIED', 'exec denied: host=node security=deny', { details: { nodeId: p.nodeId } });
  const run = { command: p.command, ...(p.rawCommand === undefined ? {} : { rawCommand: p.rawCommand }), ...(p.cwd === undefined ? {} : { cwd: p.cwd }), ...(p.env ? { env: p.env } : {}) };
  const step = await nodeApprovalStep(ctx, {
    nodeId: p.nodeId,
    nodeName: ctx.registry.list().find((n) => n.nodeId === p.nodeId)?.displayName,
    pathEnv: target.pathEnv,
    agentId,
    sessionKey: p.sessionKey,
    policy,
    run,
    command: p.rawCommand ?? formatArgv(p.command),
    timeoutMs: settings.timeoutMs,
  });
  const claimed = { ...run, agentId: p.agentId };
  if ('fields' in step) {
    if (Object.keys(step.fields).length === 0) return { status: 'not-needed' };
    // askFallback=full with nobody to ask: the gateway's own approval, handed over the same way.
    const id = randomUUID();
    ctx.approvals.claims.add(id, owner, p.nodeId, claimed, Promise.resolve({ ...step.fields, runId: id }), Date.now());
    return { status: 'approved', id };
  }
  const { view, fields } = openApproval(ctx, { ...step.ask, owner });
  ctx.approvals.claims.add(view.id, owner, p.nodeId, claimed, fields, view.expiresAtMs);
  return { status: 'accepted', id: view.id, expiresAtMs: view.expiresAtMs, request: view.request };
}
