/**
 * @module
 * The plugin contract, the plugin host that validates, starts, stops and routes to plugins,
 * and discovery of the plugin set a host runs.
 */
export {
  definePlugin,
  defineCommand,
  type CommandSpec,
  type CommandHandler,
  type InvokeContext,
  type MediaFile,
  type DeliveredMedia,
  type NodeSide,
  type GatewaySide,
  type ResultProcessor,
  type MediaRouteSpec,
  type PluginDefinition,
} from './plugin/contract.js';
// The tokens a plugin reads from its child container, next to the contract that binds them.
export { PLUGIN_OPTIONS, HOST_KIND, HOST_ENV, SURFACE_CHANGED } from './tokens.js';
// Host services a plugin may inject (docs/plugins.md lists which host binds which).
export { CONFIG, STATE_DIR, LOGGER, NODE_REGISTRY, INVOKE_ROUTER, METRICS, MEDIA_STORE } from './tokens.js';
export { detectHostEnvironment, type HostEnvironment, type HostDisplay } from './plugin/host-environment.js';
export { pluginsConfigSchema, type PluginsConfig } from './plugin/plugins-config.js';
export { CORE_VERSION } from './plugin/core-version.js';
export { PluginHost } from './plugin/plugin-host.js';
export { DEFAULT_POSTPROCESS_TIMEOUT_MS, DEFAULT_START_TIMEOUT_MS, type PluginHostOptions, type PostProcessContext } from './plugin/plugin-host-options.js';
export type { HostKind, PluginInfo, PluginLog, PluginLogLevel, PluginSideName, PluginStatus } from './plugin/plugin-slot.js';
export { NodeSurface, type NodeClaims } from './plugin/node-surface.js';
export type { OwnedErrorCode } from './plugin/merge-error-codes.js';
export { defineErrorCodes, errorFactory, type PluginErrorCodeInfo, type PluginErrorCodes } from './errors/plugin-error-codes.js';
export { resolvePluginSet, resolvePlugins, sourceOfSpec, type ResolvePluginSetArgs, type ResolvedPlugins, type BuiltinPlugins, type PluginSource } from './plugin/plugin-loader.js';
// Keyword discovery of installed plugin packages (also in the light `@openclaw-nodes/core/plugin-package`).
export { discoverPlugins, PLUGIN_KEYWORD, type DiscoveredPlugin, type DiscoveryResult } from './plugin/discover-plugins.js';
export { pluginSearchFolders } from './plugin/plugin-search-folders.js';
export { firstPartyPluginNames } from './plugin/first-party-names.js';
// `LOGGER` (above) holds the host's pino logger; a plugin's container holds a child carrying `plugin: <name>`.
export type { Logger } from 'pino';
// What a plugin's light `./cli` entry exports and what the CLI hands it.
export { type PluginCliEntry, type PluginCliContext, type CliGatewayFlags, type CliNodeFlags, type CliInvokeResult, type CliInvokeOptions } from './plugin/cli-contract.js';
export { deliverMediaBytes, deliverMediaInline, inlineMediaContext, readInline } from './plugin/media-delivery.js';
export { deliveredMediaSchema } from './plugin/delivered-media-schema.js';
// Out-of-band media on the gateway: what result processors read and replace.
export { MAX_READ_MEDIA_BYTES, mediaResultFile, mediaTooLargeToRead, readMediaResult, replaceMediaBytes, replaceMediaResult, type GatewayMediaStore, type StoredMedia } from './plugin/gateway-media.js';
export { pluginStatus } from './plugin/plugin-report.js';
// Services one plugin offers the others on the same host (the canvas overlay for notify).
export { RateWindow } from './plugin/rate-window.js';
export { HostServices, HOST_SERVICES, NOTIFICATION_OVERLAY, type ServiceKey, type NotificationOverlay, type OverlayNotification } from './plugin/host-services.js';
