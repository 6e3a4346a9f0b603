import { MCP_CLIENT_DISPLAY_NAME, mcpToolName } from '@openclaw-nodes/core/protocol';
import type { Caller } from '../methods/method-spec.js';
import type { ClientInfo } from '@openclaw-nodes/core/protocol';

/** Who calls, in MCP logs and metrics: `token`, `none` or `device:<id>`. */
export const mcpCallerLabel = (caller: Pick<Caller, 'authMethod' | 'deviceId'>): string => (caller.authMethod === 'device-token' ? `device:${caller.deviceId}` : String(caller.authMethod));

/**
 * The MCP tool a WebSocket request is, when it comes from `openclaw mcp serve` (its `connect`
 * names it so): `tools.invoke` is `system_run`, `node.invoke` the command's tool name. Undefined
 * for any other request or client. The label is the connection's own identity, not a claim.
 */
export function mcpToolOf(client: ClientInfo | undefined, method: string, params: unknown): string | undefined {
  if (client?.displayName !== MCP_CLIENT_DISPLAY_NAME) return undefined;
  if (method === 'tools.invoke') return 'system_run';
  if (method !== 'node.invoke' || typeof params !== 'object' || params === null) return undefined;
  const command = (params as { command?: unknown }).command;
  return typeof command === 'string' ? mcpToolName(command) : undefined;
}
