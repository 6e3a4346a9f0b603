import { minSecurity } from '@openclaw-nodes/core/exec';
import type { GatewayContext } from '../gateway-context.js';
import { approvalNeeded, askFallback, shownPolicy, type ApprovalFields, type AskInput } from './ask-operator.js';
import { satisfiesNodeAllowlist, type HostPolicy } from './gateway-exec-policy.js';
import { readPlan, type PreparedPlan } from './node-plan.js';
import { relayToNode } from './node-relay.js';

/** A `system.run` as the node will get it. */
export interface NodeRun {
  readonly command: string[];
  readonly rawCommand?: string;
  readonly cwd?: string;
  readonly env?: Record<string, string>;
}

export interface NodeApprovalInput {
  readonly nodeId: string;
  readonly nodeName: string | undefined;
  /** The PATH the node reported, where it looks programs up. */
  readonly pathEnv: string | undefined;
  readonly agentId: string;
  readonly sessionKey: string | undefined;
  /** The requested policy combined with the gateway's own approvals file. */
  readonly policy: HostPolicy;
  readonly run: NodeRun;
  readonly command: string;
  readonly timeoutMs: number;
}

/** Either a request to put to the operators, or the approval fields decided without one. */
export type NodeApprovalStep = { readonly ask: AskInput } | { readonly fields: ApprovalFields };

/**
 * Decides whether a `host=node` command needs an operator (EXEC.md 5). The node first
 * prepares the command (`system.run.prepare`): that tells the node's own policy for the
 * agent — whose `ask` counts, so the node can tighten but never loosen — whether its
 * allowlist covers the command, and the plan hash an approval is bound to. A node that cannot
 * prepare is judged by the gateway's policy and the node's allowlist file alone; when it gives
 * no plan hash (an older host) nothing can bind an approval, so a needed one gets
 * `askFallback` at once. The `askFallback` applied is the stricter of the gateway's and the
 * one the node's plan reports (deny < allowlist < full).
 *
 * @throws OpenClawError `EXEC_PLAN_INVALID` when the node's answer is malformed or out of
 *   bounds; `EXEC_DENIED` when an approval is needed, none can be asked and askFallback=deny.
 */
export async function nodeApprovalStep(ctx: GatewayContext, input: NodeApprovalInput): Promise<NodeApprovalStep> {
  const plan = await prepareOnNode(ctx, input);
  const covered = async () => plan?.satisfied ?? (await nodeFileCovers(ctx, input));
  if (!(await approvalNeeded(input.policy, plan?.policy, covered))) return { fields: {} };
  // A node can only tighten: the stricter of its askFallback and the gateway's decides.
  const fallback = minSecurity(input.policy.askFallback, plan?.policy?.askFallback ?? input.policy.askFallback);
  const target = { host: 'node' as const, nodeId: input.nodeId, askFallback: fallback };
  const planHash = plan?.planHash;
  if (!plan || planHash === undefined) return { fields: askFallback(target, 'the node could not prepare the command for approval', undefined) };
  const shown = shownPolicy(input.policy, plan.policy);
  return {
    ask: { ...target, ...shown, nodeName: input.nodeName, agentId: input.agentId, sessionKey: input.sessionKey, timeoutMs: input.timeoutMs, command: input.command, plan: { ...plan, planHash } },
  };
}

/** The node's checked plan; undefined when it cannot prepare (an older host, a failure). */
async function prepareOnNode(ctx: GatewayContext, input: NodeApprovalInput): Promise<PreparedPlan | undefined> {
  const params = { ...input.run, agentId: input.agentId, ...(input.sessionKey ? { sessionKey: input.sessionKey } : {}) };
  const answer = await relayToNode(ctx, input.nodeId, 'system.run.prepare', params).then(
    (payload) => ({ payload }),
    () => undefined,
  );
  return answer && readPlan(answer.payload);
}

/**
 * The node's allowlist file covers the command, its programs looked up along the PATH the
 * node reported; a node that cannot say counts as a miss.
 */
async function nodeFileCovers(ctx: GatewayContext, input: NodeApprovalInput): Promise<boolean> {
  try {
    const snapshot = (await relayToNode(ctx, input.nodeId, 'system.execApprovals.get', {})) as { file?: unknown };
    return satisfiesNodeAllowlist(snapshot?.file, input.agentId, input.run.command, { cwd: input.run.cwd, pathEnv: input.pathEnv });
  } catch {
    return false;
  }
}
