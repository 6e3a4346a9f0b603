/**
 * @module
 * @openclaw-nodes/gateway: the gateway server (WebSocket + HTTP on one port).
 */
export { Gateway, type GatewayOptions } from './gateway.js';
export { CommandPolicy, DANGEROUS_COMMANDS, platformIdOf } from './policy/command-policy.js';
