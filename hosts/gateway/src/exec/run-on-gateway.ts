import { OpenClawError } from '@openclaw-nodes/core/errors';
import { shellCommandArgv } from '@openclaw-nodes/core/exec';
import { inlineMediaContext, type InvokeContext } from '@openclaw-nodes/core/plugin';
import type { GatewayContext } from '../gateway-context.js';
import { approvalNeeded, askOperator, type ApprovalFields } from './ask-operator.js';
import { execTimeoutMs, type ExecRunInput } from './exec-args.js';
import { execResult, type ExecToolResult, type SystemRunPayload } from './exec-result.js';
import { readPlan } from './node-plan.js';

/**
 * Runs node commands on the gateway machine itself: a node-side plugin host with the system
 * plugin on the gateway's state dir, so `host=gateway` is enforced by the same engine and
 * the gateway's own `exec-approvals.json`. The gateway package never imports a plugin; the
 * process that starts the gateway passes one in.
 */
export interface LocalCommandRunner {
  invoke(command: string, params: unknown, ctx: InvokeContext): Promise<unknown>;
}

const PATH_PREPEND_UNSUPPORTED = 'Warning: tools.exec.pathPrepend is not applied by this gateway; the PATH of the gateway process is used.';

export interface GatewayRunInput extends ExecRunInput {
  /** How long operators have to answer an approval request, ms. */
  readonly approvalTimeoutMs: number;
}

/**
 * `exec` with `host=gateway`: `system.run` through the local runner. The requested security
 * and ask travel along and can only tighten what the gateway's approvals file says. Where
 * that policy needs a prompt the operators are asked exactly as for `host=node`, bound to the
 * plan the local engine prepared; `askFallback` applies only when nobody answers in time.
 */
export async function runOnGateway(gateway: GatewayContext, local: LocalCommandRunner | undefined, input: GatewayRunInput): Promise<ExecToolResult> {
  if (!local) {
    throw new OpenClawError('EXEC_HOST_UNAVAILABLE', 'exec host=gateway is not available: this gateway was started without local command execution');
  }
  const startedAt = Date.now();
  const { args } = input;
  // The command's own timeout bounds it; nothing else cancels a local run.
  const ctx = inlineMediaContext('system.run');
  const run = {
    command: shellCommandArgv(process.platform, args.command),
    rawCommand: args.command,
    timeoutMs: execTimeoutMs(input.timeoutSec),
    agentId: input.agentId,
    security: input.security,
    ask: input.ask,
    runId: ctx.invokeId,
    ...(args.workdir ? { cwd: args.workdir } : {}),
    ...(args.env ? { env: args.env } : {}),
    ...(input.sessionKey ? { sessionKey: input.sessionKey } : {}),
  };
  const approval = await askForGateway(gateway, local, input, run);
  const payload = (await local.invoke('system.run', { ...run, ...approval }, ctx)) as SystemRunPayload;
  const warnings = input.routing.pathPrepend?.length ? [PATH_PREPEND_UNSUPPORTED] : [];
  return execResult(payload, { host: 'gateway', cwd: args.workdir, startedAt, warnings });
}

/** The approval fields for a local run: none needed, an operator's answer, or askFallback. */
async function askForGateway(gateway: GatewayContext, local: LocalCommandRunner, input: GatewayRunInput, run: Record<string, unknown>): Promise<ApprovalFields> {
  const { runId: _r, timeoutMs: _t, ...prepare } = run;
  const plan = readPlan(await local.invoke('system.run.prepare', prepare, inlineMediaContext('system.run.prepare')));
  // The local engine's policy already is the gateway's file tightened by the request.
  const policy = plan.policy ?? { security: input.security, ask: input.ask };
  // security=deny: the engine refuses it, nobody needs asking.
  if (policy.security === 'deny' || !(await approvalNeeded(policy, undefined, async () => plan.satisfied ?? false))) return {};
  const { planHash } = plan;
  if (planHash === undefined) throw new OpenClawError('EXEC_PLAN_INVALID', 'the local exec engine prepared no plan hash; nobody was asked to approve the command');
  return askOperator(gateway, {
    host: 'gateway',
    nodeId: null,
    askFallback: plan.policy?.askFallback ?? 'deny',
    ...policy,
    nodeName: undefined,
    agentId: input.agentId,
    sessionKey: input.sessionKey,
    timeoutMs: input.approvalTimeoutMs,
    command: input.args.command,
    plan: { ...plan, planHash },
    owner: input.owner,
  });
}
