import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isOpenClawError, OpenClawError } from '@openclaw-nodes/core/errors';
import { resolveNode } from '@openclaw-nodes/core/nodes';
import { formatZodIssues, MAX_PAYLOAD_DEPTH, tooDeep, valueTooDeep } from '@openclaw-nodes/core/protocol';
import type { GatewayPort, PortNode } from './gateway-port.js';
import { execInvokeParams, systemRunArgs } from './system-run-tool.js';
import { commandsWithoutTool, type NodeTool } from './tool-list.js';
import { quoted } from './peer-text.js';
import { execContent, payloadContent, text } from './tool-results.js';

/** Largest tool arguments accepted, bytes of JSON: a command's params never need more. */
export const MAX_ARGUMENT_BYTES = 4 * 1024 * 1024;
/** A node command's default deadline, and what is added to a clip's own `durationMs`. */
const INVOKE_TIMEOUT_MS = 30_000;

/** Told while a call waits: an operator must answer exec approval `id`. */
export type PendingNotice = (message: string, approvalId: string) => void;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Depth first: serialising (for the size) recurses, and a client chooses how deep its arguments nest. */
function checkSize(args: unknown): void {
  if (valueTooDeep(args, MAX_PAYLOAD_DEPTH)) throw tooDeep('the arguments object', MAX_PAYLOAD_DEPTH);
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
  const nodes = await nodeList(port);
  try {
    return resolveNode(nodes, query);
  } catch (err) {
    if (!isOpenClawError(err, 'NODE_NOT_FOUND') && !isOpenClawError(err, 'NODE_AMBIGUOUS')) throw err;
    const ambiguous = err.code === 'NODE_AMBIGUOUS';
    // Names are the nodes' own choice: quoted, so none reads as the server's words to a model.
    const named = (n: PortNode) => `${quoted(n.displayName ?? n.nodeId)} (${n.nodeId.slice(0, 12)})`;
    const shown = ambiguous ? nodes.filter((n) => (err.details?.candidates as string[] | undefined)?.includes(n.nodeId)) : nodes;
    const list = shown.slice(0, MAX_NAMED_NODES).map(named).join(', ') || 'none';
    const what = ambiguous ? 'matches several nodes; candidates' : 'matches no node; known';
    throw new OpenClawError(ambiguous ? 'NODE_AMBIGUOUS' : 'NODE_NOT_FOUND', `node ${quoted(query)} ${what}: ${list}. Pass a node id from nodes_list`, { details: err.details });
  }
}

/** Nodes named in a NODE_NOT_FOUND or NODE_AMBIGUOUS message at most. */
const MAX_NAMED_NODES = 20;

/**
 * The node's answer checked against the command's result schema, where one is known: a
 * mismatch is refused (a model must not act on a shape the command never answers). Fields the
 * schema does not name are kept: a plugin's gateway side may add its own (`echoedBy`), and the
 * answer reaches the model as JSON text, where no field can pose as the server's words.
 */
function checkedPayload(entry: NodeTool, payload: unknown): unknown {
  if (!entry.spec) return payload;
  // A command with no payload answers null on the wire; its schema says undefined.
  const parsed = entry.spec.result.safeParse(payload ?? undefined);
  if (parsed.success) return payload;
  throw new OpenClawError('NODE_INVOKE_FAILED', `the node's answer to ${entry.command} does not match the command's result schema (${formatZodIssues(parsed.error).slice(0, 300)}); the node may run an incompatible plugin version`);
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
  return payloadContent(port, entry.command, checkedPayload(entry, answer.payload));
}

/**
 * `system_run` through the gateway's exec tool, under a session key of its own so the exec
 * approval request it may open is recognised: `pending` hears its id while an operator decides.
 */
async function runCommand(port: GatewayPort, args: Record<string, unknown>, pending: PendingNotice, signal?: AbortSignal): Promise<CallToolResult> {
  const parsed = systemRunArgs.safeParse(args);
  if (!parsed.success) throw new OpenClawError('INVALID_REQUEST', `invalid system_run arguments: ${formatZodIssues(parsed.error)}`);
  const sessionKey = `mcp:${randomUUID()}`;
  let approvalId: string | undefined;
  // A call the client gave up on (cancelled, session closed) must not run later on an operator's yes.
  const withdraw = () => void (approvalId && port.withdraw?.(approvalId, 'mcp-call-cancelled').catch(() => {}));
  const off = port.subscribe((event, payload) => {
    if (event !== 'exec.approval.requested' || !isRecord(payload) || !isRecord(payload.request) || payload.request.sessionKey !== sessionKey) return;
    approvalId = String(payload.id);
    if (signal?.aborted) return withdraw();
    pending(`waiting for an operator to approve exec request ${approvalId} (openclaw approvals pending; answer with allow-once, allow-always or deny)`, approvalId);
  });
  const running = port.call('tools.invoke', execInvokeParams(parsed.data, sessionKey));
  // Followed until the gateway answers: an approval opened after the cancel is withdrawn too.
  void running.catch(() => {}).finally(off);
  const cancelled = new Promise<never>((_, reject) => {
    const onAbort = () => {
      withdraw();
      reject(new OpenClawError('ABORTED', 'the client cancelled this call; its exec approval request, if any, was withdrawn'));
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  const result = execContent(await Promise.race([running, cancelled]));
  if (approvalId) result.content.push(text(`approved by an operator (exec approval ${approvalId})`));
  return result;
}

/** `nodes_list`: the node list, and the routed commands that have no tool here, with why. */
async function nodesListed(port: GatewayPort): Promise<CallToolResult> {
  const listed = (await port.call('node.list', {})) as { nodes: PortNode[] };
  const result = await payloadContent(port, 'node.list', listed);
  const skipped = [...commandsWithoutTool(listed.nodes ?? [])].slice(0, 50);
  if (skipped.length > 0) result.content.push(text(`commands without a tool here: ${skipped.map(([c, why]) => `${quoted(c)} (${why})`).join('; ')}`));
  return result;
}

/**
 * Runs one generated tool (`entry`, or a fixed tool when undefined) with the client's
 * arguments; `signal` aborts when the client cancels or closes its session. Throws the coded
 * refusal, which the server turns into a tool error.
 */
export async function callTool(port: GatewayPort, name: string, entry: NodeTool | undefined, rawArgs: unknown, pending: PendingNotice, signal?: AbortSignal): Promise<CallToolResult> {
  checkSize(rawArgs);
  const args = isRecord(rawArgs) ? rawArgs : {};
  if (name === 'nodes_list') return nodesListed(port);
  if (name === 'node_describe') return payloadContent(port, 'node.describe', await port.call('node.describe', { nodeId: (await targetNode(port, args.node)).nodeId }));
  // A read-only caller is offered no node tools: name the scope instead of sending it back to tools/list.
  if (!entry && !port.hasScope('operator.write')) {
    throw new OpenClawError('MISSING_SCOPE', `missing scope: operator.write; node tools such as ${quoted(name)} need it, and this connection is read-only (use a token or device with operator.write)`, { details: { missingScope: 'operator.write', requiredScopes: ['operator.write'] } });
  }
  if (!entry) throw new OpenClawError('UNKNOWN_TOOL', `unknown tool: ${quoted(name)}; call tools/list again, the nodes or their approved commands changed`, { details: { tool: name } });
  if (entry.shape === 'exec') return runCommand(port, args, pending, signal);
  return invokeCommand(port, entry, args);
}
