import { OpenClawError } from '@openclaw-nodes/core/errors';
import { execArgsSchema, parseOrThrow, toolsInvokeSchema } from './exec-args.js';
import type { ExecToolResult } from './exec-result.js';
import type { ExecTool } from './exec-tool.js';

/** The answer of `tools.invoke` and `POST /tools/invoke`. */
export interface ToolInvokeResult {
  ok: true;
  toolName: 'exec';
  result: ExecToolResult;
}

/**
 * Validates a tool call and runs it for `owner` (the caller's connection or request: an
 * approval request it waits for is withdrawn when it leaves, see `ApprovalQueue.withdrawFor`). `exec` is the one tool this gateway offers; anything
 * else is `UNKNOWN_TOOL`, and bad arguments are `INVALID_REQUEST` naming every problem.
 *
 * @example
 * await invokeTool(tool, { tool: 'exec', args: { command: 'uname -a' }, sessionKey: 's1' });
 */
export async function invokeTool(tool: ExecTool, raw: unknown, owner?: object): Promise<ToolInvokeResult> {
  const params = parseOrThrow(toolsInvokeSchema, raw, 'tools.invoke params');
  const name = params.name ?? params.tool;
  if (name === undefined) throw new OpenClawError('INVALID_REQUEST', "invalid tools.invoke params: must have required property 'tool'");
  if (name !== 'exec') throw new OpenClawError('UNKNOWN_TOOL', `unknown tool: ${name} (this gateway offers: exec)`, { details: { tool: name } });
  const args = parseOrThrow(execArgsSchema, params.args ?? {}, 'exec args');
  const result = await tool.run({ args, agentId: params.agentId, sessionKey: params.sessionKey, ...(owner ? { owner } : {}) });
  return { ok: true, toolName: 'exec', result };
}
