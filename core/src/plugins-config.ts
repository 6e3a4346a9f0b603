/**
 * @module
 * The `plugins` section schema of `openclaw.json`, on its own entry so that reading config
 * does not load the plugin host (tsyringe, semver) — `openclaw config get` stays light.
 */
export { pluginsConfigSchema, type PluginsConfig } from './plugin/plugins-config.js';
