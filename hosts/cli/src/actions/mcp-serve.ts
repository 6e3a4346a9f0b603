import { builtinCommandSpecs, createNodesMcpServer, type GatewayPort } from '@openclaw-nodes/mcp';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { MCP_CLIENT_DISPLAY_NAME } from '@openclaw-nodes/core/protocol';
import { operatorConnectOptions } from '../gateway/gateway-call.js';
import { resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { readVersion } from '../version.js';
import { GatewaySession } from './gateway-session.js';

/** How often the node list is read for changes: operators get no event when a node connects. */
const NODES_POLL_MS = 2_000;
/** How long one gateway call may take; `system_run` may wait for an operator's approval and the command. */
const CALL_TIMEOUT_MS = 35 * 60_000;
const SCOPES = ['operator.read', 'operator.write', 'operator.approvals'];

/**
 * `openclaw mcp serve`: an operator connection to the gateway, opened again after a gateway
 * restart, and an MCP server on stdio over it. stdout carries only MCP messages; logs go to
 * stderr. Media come inline (base64) within the connection's frame. Ends when stdin closes.
 */
export async function mcpServe(flags: GatewayFlags & { readOnly?: boolean }): Promise<void> {
  const target = await resolveTarget(flags, 10_000);
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const emit = (event: string, payload: unknown) => listeners.forEach((l) => l(event, payload));
  const options = operatorConnectOptions(target, flags.readOnly ? ['operator.read'] : SCOPES, []);
  // Named so the gateway counts this connection's tool calls in its MCP metrics, with its identity.
  const session = new GatewaySession({ ...options, client: { ...options.client, displayName: MCP_CLIENT_DISPLAY_NAME } }, emit);
  await session.start();
  const specs = await builtinCommandSpecs();
  const port: GatewayPort = {
    caller: target.token === undefined ? 'none' : 'token',
    call: (method, params) => session.request(method, params, CALL_TIMEOUT_MS),
    hasScope: (scope) => session.hasScope(scope),
    commandSpec: (command) => specs.get(command),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // No withdraw method on the wire: this connection holds operator.approvals, so it answers its own request with deny.
    withdraw: async (id) => void (await session.request('exec.approval.resolve', { id, decision: 'deny' }, 10_000)),
    log: (level, message, fields) => process.stderr.write(`${JSON.stringify({ level, msg: message, ...fields })}\n`),
  };
  const poll = setInterval(() => emit('nodes.changed', {}), NODES_POLL_MS);
  const { server, close } = createNodesMcpServer(port, { version: readVersion() });
  try {
    await server.connect(new StdioServerTransport());
    // The client ends the server by closing its stdin (MCP stdio transport).
    await new Promise<void>((resolve) => {
      process.stdin.once('end', resolve);
      server.onclose = resolve;
    });
  } finally {
    clearInterval(poll);
    close();
    session.close();
  }
}
