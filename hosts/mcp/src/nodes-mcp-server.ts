import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { callTool } from './call-tool.js';
import type { GatewayPort } from './gateway-port.js';
import { ToolCatalog } from './tool-catalog.js';
import { toolError } from './tool-errors.js';

/** Tool calls one MCP session may have running at once, unless configured. */
export const DEFAULT_MAX_CONCURRENT_CALLS = 4;

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
    if (running >= maxCalls) {
      result = toolError(new OpenClawError('MCP_LIMIT_REACHED', `this MCP session already runs ${maxCalls} tool calls; wait for one to finish`, { retryable: true, details: { maxConcurrentCalls: maxCalls } }));
    } else {
      running++;
      try {
        result = await callTool(port, name, await catalog.entry(name), args, pending);
      } catch (err) {
        result = toolError(err);
      } finally {
        running--;
      }
    }
    const durationMs = Math.round(performance.now() - startedAt);
    const outcome = result.isError ? 'error' : 'ok';
    const code = result.isError ? codeOf(result) : undefined;
    port.log(result.isError ? 'warn' : 'info', `mcp tool ${name}: ${outcome}`, { tool: name, caller: port.caller, outcome, durationMs, ...(code ? { code } : {}) });
    port.record?.(name, outcome, durationMs);
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
