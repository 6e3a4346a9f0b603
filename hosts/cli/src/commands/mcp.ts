import type { Command } from 'commander';
import { runAction } from '../run-action.js';
import { withGatewayOptions } from './gateway-options.js';

/** Declares `openclaw mcp serve`: the gateway's nodes as MCP tools over stdio (docs/mcp.md). */
export function register(program: Command): void {
  const mcp = program.command('mcp').description("expose the gateway's nodes to MCP clients (desktop assistants, IDE agents)");
  withGatewayOptions(mcp.command('serve').description('an MCP server on stdin/stdout for an MCP client to start; it talks to the gateway over one operator connection'), 10_000)
    .option('--read-only', 'ask only for operator.read: list and describe nodes, no node commands')
    .addHelpText('after', '\nExample (an MCP client config):\n  {"command": "openclaw", "args": ["mcp", "serve"], "env": {"OPENCLAW_GATEWAY_TOKEN": "…"}}')
    .action((flags: Record<string, any>) => runAction('mcp serve', async () => (await import('../actions/mcp-serve.js')).mcpServe(flags)));
}
