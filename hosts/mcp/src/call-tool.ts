import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { resolveNode } from '@openclaw-nodes/core/nodes';
import { formatZodIssues } from '@openclaw-nodes/core/protocol';
import type { GatewayPort, PortNode } from './gateway-port.js';
import { execInvokeParams, systemRunArgs } from './system-run-tool.js';
import type { NodeTool } from './tool-list.js';
import { execContent, payloadContent, text } from './tool-results.js';

/** Largest tool arguments accepted, bytes of JSON: a command's params never need more. */
export const MAX_ARGUMENT_BYTES = 4 * 1024 * 1024;
/** A node command's default deadline, and what is added to a clip's own `durationMs`. */
const INVOKE_TIMEOUT_MS = 30_000;

/** Told while a call waits: an operator must answer exec approval `id`. */
export type PendingNotice = (message: string, approvalId: string) => void;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkSize(args: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(args ?? {}), 'utf8');
  if (bytes > MAX_ARGUMENT_BYTES) {
    throw new OpenClawError('PAYLOAD_TOO_LARGE', `tool arguments are ${bytes} bytes, over the ${MAX_ARGUMENT_BYTES} this server accepts; send less`, { details: { bytes, maxBytes: MAX_ARGUMENT_BYTES } });
  }
}

async function nodeList(port: GatewayPort): Promise<PortNode[]> {
  const { nodes } = (await port.call('node.list', {})) as { nodes: PortNode[] };
  return nodes;
}

/** The node a `node` argument names, resolved like `--node` (NODE_NOT_FOUND, NODE_AMBIGUOUS). */
async function targetNode(port: GatewayPort, query: unknown): Promise<PortNode> {
  if (typeof query !== 'string' || query.trim() === '') throw new OpenClawError('INVALID_REQUEST', 'the node argument is required: a node id, id prefix, display name or IP (see nodes_list)');
  return resolveNode(await nodeList(port), query);
}

/** `node.invoke` with the command's params checked here first against its zod schema, when known. */
async function invokeCommand(port: GatewayPort, entry: NodeTool, args: Record<string, unknown>): Promise<CallToolResult> {
  const { node, ...rest } = args;
  const params = entry.shape === 'nested' ? rest.params : rest;
  if (entry.spec) {
    const parsed = entry.spec.params.safeParse(params);
    if (!parsed.success) throw new OpenClawError('INVALID_REQUEST', `invalid ${entry.command} params: ${formatZodIssues(parsed.error)}`);
  }
  const target = await targetNode(port, node);
  const durationMs = isRecord(params) && typeof params.durationMs === 'number' && params.durationMs > 0 ? params.durationMs : 0;
  const answer = (await port.call('node.invoke', {
    nodeId: target.nodeId,
    command: entry.command,
    params: params ?? {},
    timeoutMs: INVOKE_TIMEOUT_MS + Math.min(durationMs, 10 * 60_000),
    idempotencyKey: randomUUID(),
  })) as { payload?: unknown };
  return payloadContent(port, entry.command, answer.payload);
}

/**
 * `system_run` through the gateway's exec tool, under a session key of its own so the exec
 * approval request it may open is recognised: `pending` hears its id while an operator decides.
 */
async function runCommand(port: GatewayPort, args: Record<string, unknown>, pending: PendingNotice): Promise<CallToolResult> {
  const parsed = systemRunArgs.safeParse(args);
  if (!parsed.success) throw new OpenClawError('INVALID_REQUEST', `invalid system_run arguments: ${formatZodIssues(parsed.error)}`);
  const sessionKey = `mcp:${randomUUID()}`;
  let approvalId: string | undefined;
  const off = port.subscribe((event, payload) => {
    if (event !== 'exec.approval.requested' || !isRecord(payload) || !isRecord(payload.request) || payload.request.sessionKey !== sessionKey) return;
    approvalId = String(payload.id);
    pending(`waiting for an operator to approve exec request ${approvalId} (openclaw approvals pending; answer with allow-once, allow-always or deny)`, approvalId);
  });
  try {
    const result = execContent(await port.call('tools.invoke', execInvokeParams(parsed.data, sessionKey)));
    if (approvalId) result.content.push(text(`approved by an operator (exec approval ${approvalId})`));
    return result;
  } finally {
    off();
  }
}

/**
 * Runs one generated tool (`entry`, or a fixed tool when undefined) with the client's
 * arguments. Throws the coded refusal, which the server turns into a tool error.
 */
export async function callTool(port: GatewayPort, name: string, entry: NodeTool | undefined, rawArgs: unknown, pending: PendingNotice): Promise<CallToolResult> {
  checkSize(rawArgs);
  const args = isRecord(rawArgs) ? rawArgs : {};
  if (name === 'nodes_list') return payloadContent(port, 'node.list', await port.call('node.list', {}));
  if (name === 'node_describe') return payloadContent(port, 'node.describe', await port.call('node.describe', { nodeId: (await targetNode(port, args.node)).nodeId }));
  if (!entry) throw new OpenClawError('UNKNOWN_TOOL', `unknown tool: ${name}; call tools/list again, the nodes or their approved commands changed`, { details: { tool: name } });
  if (entry.shape === 'exec') return runCommand(port, args, pending);
  return invokeCommand(port, entry, args);
}
