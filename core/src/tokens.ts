/**
 * @module
 * Interface tokens for the DI container: one symbol per service a host provides.
 */

/** The host's validated config object (`OpenClawConfig`). */
export const CONFIG = Symbol.for('openclaw.config');
/** The state directory path (string). */
export const STATE_DIR = Symbol.for('openclaw.stateDir');
/** The host's `Logger` (pino, from `@openclaw-nodes/core/logger`); in a plugin's container, a child carrying `plugin: <name>`. */
export const LOGGER = Symbol.for('openclaw.logger');
/** Which flavour of host is running: 'gateway' | 'node' | 'desktop' | 'cli'. */
export const HOST_KIND = Symbol.for('openclaw.hostKind');
/** The host's environment facts (`HostEnvironment`: display, platform, ...). */
export const HOST_ENV = Symbol.for('openclaw.hostEnv');
/** A plugin's validated options, bound in that plugin's child container. */
export const PLUGIN_OPTIONS = Symbol.for('openclaw.pluginOptions');
/** The gateway's `NodeRegistry`: connected node sessions and what `node.list` shows. */
export const NODE_REGISTRY = Symbol.for('openclaw.nodeRegistry');
/** The gateway's `InvokeRouter`: sends `node.invoke.request` to a session and awaits the result. */
export const INVOKE_ROUTER = Symbol.for('openclaw.invokeRouter');
/** The gateway's `GatewayMetrics`: counters and histograms served at `GET /metrics`. */
export const METRICS = Symbol.for('openclaw.metrics');
/**
 * A node host's `() => void`, bound per plugin: call it when what the plugin announces may have
 * changed (availability, `advertised()`, permissions); the host re-reads its surface and tells
 * the gateway without reconnecting.
 */
export const SURFACE_CHANGED = Symbol.for('openclaw.surfaceChanged');
/** The gateway's `GatewayMediaStore`: files behind the `{url}` media results nodes delivered out of band. */
export const MEDIA_STORE = Symbol.for('openclaw.mediaStore');
