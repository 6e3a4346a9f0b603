/**
 * @module
 * Helpers about nodes shared by the CLI and the gateway: resolving `--node <idOrNameOrIp>`.
 */
export { resolveNode, normalizeNodeName, type NodeCandidate } from './nodes/resolve-node.js';
