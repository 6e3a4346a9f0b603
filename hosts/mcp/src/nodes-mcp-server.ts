import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { callTool } from './call-tool.js';
import type { GatewayPort } from './gateway-port.js';
import { ToolCatalog } from './tool-catalog.js';
import { FIXED_TOOL_NAMES } from './tool-list.js';
import { toolError } from './tool-errors.js';

/** Tool calls one MCP session may have running at once, unless configured. */
export const DEFAULT_MAX_CONCURRENT_CALLS = 4;
/** What every MCP client accepts as a tool name (and all this server offers). */
const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;
/** The metrics and log label of a name this server does not offer: one label, however many names clients try. */
const UNKNOWN_LABEL = '_unknown';

export interface NodesMcpServerOptions {
  readonly version: string;
  readonly maxConcurrentCalls?: number;
}

/**
 * One MCP server (one per client session) over a gateway `port`: `tools/list` gives
 * `nodes_list`, `node_describe` and a tool per routed node command; `tools/call` runs them
 * through the gateway and answers failures as tool errors. The tool list follows the nodes
 * (`notifications/tools/list_changed`). `close()` stops following them; `busy()` says whether a call runs.
 *
 * @example
 * const { server, close } = createNodesMcpServer(port, { version: '0.1.0' });
 * await server.connect(new StdioServerTransport());
 */
export function createNodesMcpServer(port: GatewayPort, options: NodesMcpServerOptions): { server: Server; close: () => void; busy: () => boolean } {
  const server = new Server(
    { name: 'openclaw-nodes', title: 'OpenClaw nodes', version: options.version },
    {
      capabilities: { tools: { listChanged: true }, logging: {} },
      instructions: 'Tools reach the devices (nodes) paired with an OpenClaw gateway. Call nodes_list first; every node tool takes a `node` argument (id, name or IP).',
    },
  );
  const catalog = new ToolCatalog(port, () => {
    if (server.transport) void server.sendToolListChanged().catch(() => {});
  });
  const maxCalls = options.maxConcurrentCalls ?? DEFAULT_MAX_CONCURRENT_CALLS;
  let running = 0;

  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await catalog.list() }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: args } = request.params;
    const startedAt = performance.now();
    const progressToken = request.params._meta?.progressToken;
    const pending = (message: string, approvalId: string) => {
      if (progressToken !== undefined) void extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress: 0, message } }).catch(() => {});
      void server.sendLoggingMessage({ level: 'notice', logger: 'openclaw-nodes', data: { event: 'exec.approval.pending', approvalId, tool: name, message } }).catch(() => {});
    };
    let result: CallToolResult;
    // The client picks the name: only tool-shaped names reach the catalog, logs and metrics.
    const valid = TOOL_NAME.test(name);
    const entry = valid ? await catalog.entry(name).catch(() => undefined) : undefined;
    const label = entry !== undefined || FIXED_TOOL_NAMES.includes(name) ? name : UNKNOWN_LABEL;
    if (!valid) {
      result = toolError(new OpenClawError('UNKNOWN_TOOL', `tool names are 1-64 of A-Z, a-z, 0-9, _ and -; this one is not (${name.length} characters); call tools/list for the names`, { details: { tool: name.slice(0, 64) } }));
    } else if (running >= maxCalls) {
      result = toolError(new OpenClawError('MCP_LIMIT_REACHED', `this MCP session already runs ${maxCalls} tool calls; wait for one to finish`, { retryable: true, details: { maxConcurrentCalls: maxCalls } }));
    } else {
      running++;
      try {
        result = await callTool(port, name, entry, args, pending, extra.signal);
      } catch (err) {
        result = toolError(err);
      } finally {
        running--;
      }
    }
    const durationMs = Math.round(performance.now() - startedAt);
    const outcome = result.isError ? 'error' : 'ok';
    const code = result.isError ? codeOf(result) : undefined;
    const asked = label === UNKNOWN_LABEL ? { requested: JSON.stringify(name.slice(0, 64)) } : {};
    port.log(result.isError ? 'warn' : 'info', `mcp tool ${label}: ${outcome}`, { tool: label, ...asked, caller: port.caller, outcome, durationMs, ...(code ? { code } : {}) });
    port.record?.(label, outcome, durationMs);
    return result;
  });
  server.onclose = () => catalog.close();
  return { server, close: () => catalog.close(), busy: () => running > 0 };
}

/** The code a tool error carries (its first text is `CODE: message`), for the log line. */
function codeOf(result: CallToolResult): string | undefined {
  const first = result.content[0];
  return first?.type === 'text' ? /^([A-Z][A-Z0-9_]*):/.exec(first.text)?.[1] : undefined;
}
