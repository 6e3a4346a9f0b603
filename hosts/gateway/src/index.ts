/**
 * @module
 * @openclaw-nodes/gateway: the gateway server (WebSocket + HTTP on one port).
 */
export { Gateway, type GatewayOptions } from './gateway.js';
export { DEFAULT_HTTP_LIMITS, type HttpLimits } from './http/http-limits.js';
export { CommandPolicy, platformIdOf, type CommandTable } from './policy/command-policy.js';
export { OPENCLAW_DANGEROUS_COMMANDS } from './policy/openclaw-defaults.js';
export { ConfigReader } from './exec/config-reader.js';
export { type GatewayExecOptions } from './exec/exec-tool.js';
export { type LocalCommandRunner } from './exec/run-on-gateway.js';
export { type ExecToolResult, type SystemRunPayload } from './exec/exec-result.js';
export { type ClusterOptions } from './cluster/cluster-options.js';
