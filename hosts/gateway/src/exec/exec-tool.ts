import { OpenClawError } from '@openclaw-nodes/core/errors';
import { defaultAgentId, execSection, maxAsk, minSecurity, type ExecConfigView } from '@openclaw-nodes/core/exec';
import type { GatewayContext } from '../gateway-context.js';
import { checkExecEnv, DEFAULT_EXEC_TIMEOUT_SEC, type ExecArgs } from './exec-args.js';
import { directiveReply, parseExecDirective } from './exec-directive.js';
import type { ExecToolResult } from './exec-result.js';
import { resolveExecRouting, type ExecRouting } from './exec-routing.js';
import { runOnGateway, type LocalCommandRunner } from './run-on-gateway.js';
import { runOnNode } from './run-on-node.js';
import { requestApproval, type RequestApprovalParams, type RequestApprovalResult } from './request-approval.js';
import { SessionOverrides } from './session-overrides.js';

/** What the gateway needs from its host process to route `exec` (GatewayOptions.exec). */
export interface GatewayExecOptions {
  /**
   * The current `openclaw.json` (at least `tools.exec` and `agents.list`), asked for on every
   * exec call so `openclaw config set tools.exec.*` applies without a restart.
   */
  readonly config?: () => ExecConfigView | Promise<ExecConfigView>;
  /** Runs `host=gateway` commands on this machine; without it that host is unavailable. */
  readonly local?: LocalCommandRunner;
}

/** How long an exec approval request waits for an operator unless configured (EXEC.md 6.2: 120 s). */
export const DEFAULT_APPROVAL_TIMEOUT_MS = 120_000;

export interface ExecCall {
  readonly args: ExecArgs;
  readonly agentId?: string;
  readonly sessionKey?: string;
  /** Who waits for the result; an approval request it waits for is withdrawn when it leaves. */
  readonly owner?: object;
}

/**
 * The agent `exec` tool on the gateway: resolves host, security, ask and node (session >
 * agent > global > default), refuses what the call may not ask for, and runs the command on
 * this machine or on the bound node through `system.run`.
 *
 * @example
 * const tool = new ExecTool(ctx, { config: () => loadConfig(), local }, stateDir);
 * await tool.run({ args: { command: 'uname -a' }, sessionKey: 'agent:main:main' });
 */
export class ExecTool {
  readonly sessions = new SessionOverrides();

  constructor(
    private readonly ctx: GatewayContext,
    private readonly options: GatewayExecOptions,
    private readonly stateDir: string,
  ) {}

  /** The routing a call of this agent and session gets before per-call parameters. */
  async routing(agentId: string | undefined, sessionKey: string | undefined): Promise<{ agentId: string; routing: ExecRouting; approvalTimeoutMs: number }> {
    const config = (await this.options.config?.()) ?? {};
    const agent = agentId ?? defaultAgentId(config);
    const approvalTimeoutMs = execSection(config, agent).approvalTimeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS;
    return { agentId: agent, routing: resolveExecRouting(config, agent, this.sessions.get(sessionKey)), approvalTimeoutMs };
  }

  async run(call: ExecCall): Promise<ExecToolResult> {
    const { args } = call;
    const { agentId, routing, approvalTimeoutMs } = await this.routing(call.agentId, call.sessionKey);
    if (args.host !== undefined && args.host !== routing.host) {
      throw new OpenClawError('EXEC_HOST_NOT_ALLOWED', `exec host not allowed (requested ${args.host}; configure tools.exec.host=${args.host} to allow).`, {
        details: { requested: args.host, configured: routing.host },
      });
    }
    checkExecEnv(args.env);
    // A call can only tighten: the stricter security, the more insistent ask.
    const security = args.security ? minSecurity(routing.security, args.security) : routing.security;
    const ask = args.ask ? maxAsk(routing.ask, args.ask) : routing.ask;
    const input = { args, routing, security, ask, agentId, sessionKey: call.sessionKey, timeoutSec: args.timeout ?? DEFAULT_EXEC_TIMEOUT_SEC, ...(call.owner ? { owner: call.owner } : {}) };
    if (routing.host === 'node') return runOnNode(this.ctx, { ...input, stateDir: this.stateDir, approvalTimeoutMs });
    if (routing.host === 'gateway') return runOnGateway(this.ctx, this.options.local, { ...input, approvalTimeoutMs });
    throw new OpenClawError('EXEC_HOST_UNAVAILABLE', 'exec host=sandbox is not available on this gateway (no sandbox runtime); configure tools.exec.host=gateway or node');
  }

  /** `exec.approval.request` for a caller that sends the command itself (see `requestApproval`). */
  async requestApproval(owner: object, params: RequestApprovalParams): Promise<RequestApprovalResult> {
    const { approvalTimeoutMs } = await this.routing(params.agentId, params.sessionKey);
    return requestApproval(this.ctx, owner, params, { stateDir: this.stateDir, timeoutMs: approvalTimeoutMs });
  }

  /** Applies an `/exec` directive to a session and answers as the chat command would. */
  async directive(sessionKey: string, text: string, agentId?: string): Promise<{ sessionKey: string; reply: string; exec: ExecRouting }> {
    const set = parseExecDirective(text);
    if (Object.keys(set).length > 0) this.sessions.merge(sessionKey, set);
    const { routing } = await this.routing(agentId, sessionKey);
    return { sessionKey, reply: directiveReply(set, routing), exec: routing };
  }
}
