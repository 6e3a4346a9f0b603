/**
 * @module
 * The MCP server that exposes a gateway's nodes as tools, over a `GatewayPort` that either
 * transport adapter provides (stdio in the CLI, Streamable HTTP in the gateway).
 */
export { createNodesMcpServer, DEFAULT_MAX_CONCURRENT_CALLS, type NodesMcpServerOptions } from './nodes-mcp-server.js';
export type { GatewayPort, PortMedia, PortNode } from './gateway-port.js';
export { builtinCommandSpecs } from './command-catalog.js';
export { buildTools, FIXED_TOOL_NAMES, toolName, type NodeTool } from './tool-list.js';
export { MAX_ARGUMENT_BYTES } from './call-tool.js';
export { McpHttpSessions, DEFAULT_MCP_HTTP_LIMITS, type McpHttpLimits } from './http-sessions.js';
