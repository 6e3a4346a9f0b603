import { OpenClawError } from '@openclaw-nodes/core/errors';
import { inlineMediaContext } from '@openclaw-nodes/core/plugin';
import { z } from 'zod';
import { parseOrThrow } from '../exec/exec-args.js';
import type { ExecTool } from '../exec/exec-tool.js';
import { invokeTool } from '../exec/invoke-tool.js';
import type { LocalCommandRunner } from '../exec/run-on-gateway.js';
import { APPROVAL_DECISIONS } from '../exec/approval-queue.js';
import { requestApprovalParams } from '../exec/request-approval.js';
import { ADMIN, APPROVALS, WRITE, type MethodTable } from './method-spec.js';

const directiveParams = z.strictObject({
  sessionKey: z.string().trim().min(1),
  text: z.string().max(1_000),
  agentId: z.string().trim().min(1).optional(),
});

const resolveParams = z.strictObject({
  id: z.string().trim().min(1).max(128),
  decision: z.enum(APPROVAL_DECISIONS),
});

/** Runs an approvals command on the gateway machine's own file, or says why it cannot. */
function onGateway(local: LocalCommandRunner | undefined, command: string, params: unknown): Promise<unknown> {
  if (!local) return Promise.reject(new OpenClawError('EXEC_HOST_UNAVAILABLE', 'this gateway was started without local command execution, so it has no exec approvals file'));
  return local.invoke(command, params, inlineMediaContext(command));
}

/**
 * The agent `exec` tool (`tools.invoke`), per-session `/exec` directives (`exec.directive`)
 * the gateway's own approvals file (`exec.approvals.get|set`, for `approvals --gateway`) and
 * the operators' answers to exec approval requests (`exec.approval.list|resolve`).
 */
export function execMethods(tool: ExecTool, local: LocalCommandRunner | undefined): MethodTable {
  return {
    'tools.invoke': {
      role: 'operator',
      scopes: WRITE,
      handle: ({ conn, params }) => invokeTool(tool, params, conn),
    },

    'exec.directive': {
      role: 'operator',
      scopes: WRITE,
      handle: ({ params }) => {
        const p = parseOrThrow(directiveParams, params, 'exec.directive params');
        return tool.directive(p.sessionKey, p.text, p.agentId);
      },
    },

    'exec.approval.request': {
      role: 'operator',
      scopes: WRITE,
      handle: ({ conn, params }) => tool.requestApproval(conn, parseOrThrow(requestApprovalParams, params, 'exec.approval.request params')),
    },

    'exec.approval.list': {
      role: 'operator',
      scopes: APPROVALS,
      handle: ({ ctx }) => ({ pending: [...ctx.approvals.list(), ...(ctx.cluster?.approvals.list() ?? [])] }),
    },

    'exec.approval.resolve': {
      role: 'operator',
      scopes: APPROVALS,
      handle: ({ ctx, conn, params }) => {
        const p = parseOrThrow(resolveParams, params, 'exec.approval.resolve params');
        // A request waiting on another cluster member is answered there.
        return ctx.cluster?.approvals.resolve(p.id, p.decision, conn.deviceId) ?? ctx.approvals.resolve(p.id, p.decision, conn.deviceId);
      },
    },

    'exec.approvals.get': {
      role: 'operator',
      scopes: ADMIN,
      handle: () => onGateway(local, 'system.execApprovals.get', {}),
    },

    'exec.approvals.set': {
      role: 'operator',
      scopes: ADMIN,
      handle: ({ params }: { params: { file?: unknown; baseHash?: string } }) => onGateway(local, 'system.execApprovals.set', { file: params?.file, baseHash: params?.baseHash }),
    },
  };
}
