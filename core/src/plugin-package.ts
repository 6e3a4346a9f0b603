/**
 * @module
 * Finding plugin packages without importing them: package entries (`exports` resolved by
 * `resolve.exports`), bounded package.json reads and keyword discovery in node_modules.
 * Light on purpose: the CLI reads it before it decides to load any plugin code.
 */
export { packageEntry } from './plugin/package-entry.js';
export { readManifest, MAX_MANIFEST_BYTES, type PackageManifest } from './plugin/read-manifest.js';
export { findPackageDir } from './plugin/resolve-plugin-module.js';
export { discoverPlugins, PLUGIN_KEYWORD, DEFAULT_DISCOVERY_LIMITS, type DiscoveredPlugin, type DiscoveryLimits, type DiscoveryResult } from './plugin/discover-plugins.js';
export { pluginSearchFolders, type SearchFolderOptions } from './plugin/plugin-search-folders.js';
export { listDir } from './plugin/list-dir.js';
export { firstPartyPluginNames } from './plugin/first-party-names.js';
export { importBounded, MAX_PLUGIN_MODULE_BYTES } from './plugin/import-bounded.js';
