import { randomUUID } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { shellCommandArgv } from '@openclaw-nodes/core/exec';
import type { GatewayContext } from '../gateway-context.js';
import { routableNode } from '../methods/node-methods.js';
import { execTimeoutMs, type ExecRunInput } from './exec-args.js';
import { execResult, unwrapNodeError, type ExecToolResult, type SystemRunPayload } from './exec-result.js';
import { gatewayHostPolicy } from './gateway-exec-policy.js';
import { askOperator } from './ask-operator.js';
import { nodeApprovalStep } from './node-approval.js';
import { selectExecNode } from './select-exec-node.js';

const PATH_PREPEND_IGNORED = 'Warning: tools.exec.pathPrepend is ignored for host=node. Configure PATH on the node host/service instead.';

export interface NodeRunInput extends ExecRunInput {
  /** The gateway's state dir, where its own approvals file lives. */
  readonly stateDir: string;
  /** How long operators have to answer an approval request, ms. */
  readonly approvalTimeoutMs: number;
}

/**
 * `exec` with `host=node` (EXEC.md 3 and 5): picks the node, combines the requested policy
 * with the gateway's own approvals file, and where it or the node's own policy needs a
 * prompt asks the operators (`askOperator`): their answer, or `askFallback` when none comes
 * in time. The node then
 * enforces its own approvals whatever the gateway decided.
 */
export async function runOnNode(ctx: GatewayContext, input: NodeRunInput): Promise<ExecToolResult> {
  const startedAt = Date.now();
  const { args, agentId } = input;
  const node = selectExecNode(ctx.registry.list(), input.routing.node, args.node);
  // Checked now for a clear error, and again right before sending (below).
  const target = routableNode(ctx, node.nodeId, 'system.run');
  const argv = shellCommandArgv(target.claim.platform, args.command);
  const policy = await gatewayHostPolicy(input.stateDir, agentId, input.security, input.ask);
  if (policy.security === 'deny') throw new OpenClawError('EXEC_DENIED', 'exec denied: host=node security=deny', { details: { nodeId: node.nodeId } });
  const run = { command: argv, rawCommand: args.command, ...(args.workdir ? { cwd: args.workdir } : {}), ...(args.env ? { env: args.env } : {}) };
  const step = await nodeApprovalStep(ctx, {
    nodeId: node.nodeId,
    nodeName: node.displayName,
    pathEnv: target.pathEnv,
    agentId,
    sessionKey: input.sessionKey,
    policy,
    run,
    command: args.command,
    timeoutMs: input.approvalTimeoutMs,
  });
  const approval = 'ask' in step ? await askOperator(ctx, { ...step.ask, owner: input.owner }) : step.fields;
  const params: Record<string, unknown> = {
    ...run,
    timeoutMs: execTimeoutMs(input.timeoutSec),
    agentId,
    runId: randomUUID(),
    ...(input.sessionKey ? { sessionKey: input.sessionKey } : {}),
    // Only an operator's answer or the gateway's own askFallback=full can say "approved"; a caller never can.
    ...approval,
  };
  const timeoutMs = Math.max(10_000, input.timeoutSec * 1000 + 5_000);
  let payload: SystemRunPayload;
  try {
    // The node may have left during the awaits above: take its session in the same tick as
    // the send, so a call never goes to a closed socket and waits out its timeout.
    const session = routableNode(ctx, node.nodeId, 'system.run');
    payload = (await ctx.invoker.invoke(session, 'system.run', params, { timeoutMs, sessionKey: input.sessionKey })).payload as SystemRunPayload;
  } catch (err) {
    throw unwrapNodeError(err, node.nodeId);
  }
  const warnings = input.routing.pathPrepend?.length ? [PATH_PREPEND_IGNORED] : [];
  return execResult(payload ?? {}, { host: 'node', nodeId: node.nodeId, cwd: args.workdir, startedAt, warnings });
}
