import { OpenClawError } from '@openclaw-nodes/core/errors';
import { connectGateway } from '@openclaw-nodes/core/rpc';
import { builtinCommandSpecs, createNodesMcpServer, type GatewayPort } from '@openclaw-nodes/mcp';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { operatorConnectOptions } from '../gateway/gateway-call.js';
import { resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { readVersion } from '../version.js';

/** How often the node list is read for changes: operators get no event when a node connects. */
const NODES_POLL_MS = 2_000;
/** How long one gateway call may take; `system_run` may wait for an operator's approval and the command. */
const CALL_TIMEOUT_MS = 35 * 60_000;
const SCOPES = ['operator.read', 'operator.write', 'operator.approvals'];

/**
 * `openclaw mcp serve`: one long-lived operator connection to the gateway and an MCP server on
 * stdio over it. stdout carries only MCP messages; logs go to stderr. Media come inline
 * (base64) within the connection's frame. Ends when stdin closes or the gateway goes away.
 */
export async function mcpServe(flags: GatewayFlags & { readOnly?: boolean }): Promise<void> {
  const target = await resolveTarget(flags, 10_000);
  const scopes = flags.readOnly ? ['operator.read'] : SCOPES;
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const emit = (event: string, payload: unknown) => listeners.forEach((l) => l(event, payload));
  const { peer, hello } = await connectGateway({ ...operatorConnectOptions(target, scopes, []), peer: { onEvent: emit } });
  const granted = new Set(hello.auth.scopes);
  const specs = await builtinCommandSpecs();
  const port: GatewayPort = {
    caller: target.token === undefined ? 'none' : 'token',
    call: (method, params) => peer.request(method, params, { timeoutMs: CALL_TIMEOUT_MS }),
    hasScope: (scope) => granted.has(scope) || granted.has('operator.admin'),
    commandSpec: (command) => specs.get(command),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    log: (level, message, fields) => process.stderr.write(`${JSON.stringify({ level, msg: message, ...fields })}\n`),
  };
  const poll = setInterval(() => emit('nodes.changed', {}), NODES_POLL_MS);
  const { server, close } = createNodesMcpServer(port, { version: readVersion() });
  const done = new Promise<void>((resolve, reject) => {
    // The client ends the server by closing its stdin (MCP stdio transport).
    process.stdin.once('end', () => resolve());
    server.onclose = () => resolve();
    void peer.closed.then(() => reject(new OpenClawError('CONNECTION_CLOSED', 'the gateway connection closed; the MCP client may start the server again')));
  });
  try {
    await server.connect(new StdioServerTransport());
    await done;
  } finally {
    clearInterval(poll);
    close();
    peer.close(1000);
  }
}
