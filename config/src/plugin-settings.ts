import { dirname } from 'node:path';
import type { LoadedConfig } from './load-config.js';
import type { OpenClawConfig } from './config-schema.js';

/** What of a config's `plugins` section a host may act on, and where it looks for plugin packages. */
export interface PluginSettings {
  /** The `plugins` section, with `load` emptied when the file may not make this machine run code. */
  plugins: OpenClawConfig['plugins'];
  /** Where `plugins.load` paths resolve and whose `node_modules` discovery reads: the config file's directory, or the state dir. */
  baseDir: string;
  /** Set when `plugins.load` entries were ignored: what to tell the user. */
  warning?: string;
}

/**
 * The plugin settings of a loaded config as hosts apply them. A project rc file (found by
 * searching up from the working directory) may belong to someone else, such as a cloned
 * repository, and the config search promises to run no code: its `plugins.load` entries are
 * ignored (with a warning naming the file and where to put them instead), and its directory's
 * `node_modules` is not searched for plugins. `plugins.enabled` and `plugins.options` still
 * apply to built-ins and to packages installed where the state dir's config would find them.
 * Files the user named (`OPENCLAW_CONFIG_PATH`) or keeps in the state dir are trusted.
 *
 * @example
 * const { plugins, baseDir, warning } = pluginSettings(await loadConfig());
 */
export function pluginSettings(loaded: Pick<LoadedConfig, 'config' | 'path' | 'source' | 'stateDir'>): PluginSettings {
  const plugins = loaded.config.plugins;
  if (loaded.source !== 'project') return { plugins, baseDir: loaded.path ? dirname(loaded.path) : loaded.stateDir };
  const ignored = plugins.load;
  return {
    plugins: { ...plugins, load: [] },
    baseDir: loaded.stateDir,
    ...(ignored.length > 0
      ? {
          warning:
            `plugins.load in the project config ${loaded.path} is ignored (${ignored.length} entr${ignored.length === 1 ? 'y' : 'ies'}): ` +
            'a config found in the working directory may come from someone else, so it never makes openclaw run code. ' +
            `Put plugin settings in ${loaded.stateDir}/openclaw.json, or point OPENCLAW_CONFIG_PATH at a file you trust.`,
        }
      : {}),
  };
}
