/**
 * @module
 * @openclaw-nodes/node-host: the headless node host (`openclaw node run`).
 */
export { NodeHost, type NodeHostOptions, type NodeHostStatus, type NodeHostStatusReport, type NodeHostLog } from './node-host.js';
export { readNodeRuntimeStatus, RUNTIME_STATUS_FILE, type NodeRuntimeStatus } from './runtime-status-file.js';
export { nodeStateStore, savedGateways, type NodeState, type SavedGateway } from './node-state.js';
export { gatewayUrl, hostEntry, parseGatewayList, sameAddress, MAX_GATEWAY_ADDRESSES, type GatewayAddress, type GatewayListFlags } from './gateway-address.js';
export { GatewayRotation, type RotationStep } from './gateway-rotation.js';
export { startNodeRuntime, type NodeRuntimeOptions } from './node-runtime.js';
export { Backoff } from './backoff.js';
export { startLocalRunner, type LocalRunnerOptions } from './local-runner.js';
export type { CommandRunner } from './invoke-handler.js';
export { inspectNodePlugins, type PluginListEntry } from './plugin-inventory.js';
