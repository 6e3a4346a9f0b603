/**
 * @module
 * The plugin contract and the plugin host.
 */
export {
  definePlugin,
  defineCommand,
  type CommandSpec,
  type CommandHandler,
  type InvokeContext,
  type NodeSide,
  type GatewaySide,
  type ResultProcessor,
  type PluginDefinition,
} from './plugin/contract.js';
export { pluginsConfigSchema, type PluginsConfig } from './plugin/plugins-config.js';
