import { OpenClawError } from '@openclaw-nodes/core/errors';
import { shellCommandArgv } from '@openclaw-nodes/core/exec';
import { inlineMediaContext, type InvokeContext } from '@openclaw-nodes/core/plugin';
import { execTimeoutMs, type ExecRunInput } from './exec-args.js';
import { execResult, type ExecToolResult, type SystemRunPayload } from './exec-result.js';

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

/**
 * `exec` with `host=gateway`: `system.run` through the local runner. The requested security
 * and ask travel along and can only tighten what the gateway's approvals file says.
 */
export async function runOnGateway(local: LocalCommandRunner | undefined, input: ExecRunInput): Promise<ExecToolResult> {
  if (!local) {
    throw new OpenClawError('EXEC_HOST_UNAVAILABLE', 'exec host=gateway is not available: this gateway was started without local command execution');
  }
  const startedAt = Date.now();
  const { args } = input;
  // The command's own timeout bounds it; nothing else cancels a local run.
  const ctx = inlineMediaContext('system.run');
  const params = {
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
  const payload = (await local.invoke('system.run', params, ctx)) as SystemRunPayload;
  const warnings = input.routing.pathPrepend?.length ? [PATH_PREPEND_UNSUPPORTED] : [];
  return execResult(payload, { host: 'gateway', cwd: args.workdir, startedAt, warnings });
}
