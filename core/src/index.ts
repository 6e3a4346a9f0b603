/**
 * @module
 * @openclaw-nodes/core: errors, DI, the plugin contract, protocol, identity, RPC and stores.
 * Prefer the subpath entries (`@openclaw-nodes/core/identity`, ...) where start-up cost matters.
 */
export { ERROR_CODES, OpenClawError, isOpenClawError, type ErrorCode, type WireError } from './errors.js';
export { inject, injectable, type DependencyContainer } from './di.js';
export { CONFIG, STATE_DIR, LOGGER, HOST_KIND, HOST_ENV, PLUGIN_OPTIONS, NODE_REGISTRY, INVOKE_ROUTER, METRICS, SURFACE_CHANGED } from './tokens.js';
export { definePlugin, defineCommand, type CommandSpec, type PluginDefinition } from './plugin.js';
