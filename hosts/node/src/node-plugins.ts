import { rootContainer, type DependencyContainer } from '@openclaw-nodes/core/di';
import { CORE_VERSION, HOST_SERVICES, HostServices, PluginHost, discoverPlugins, pluginSearchFolders, resolvePlugins, type BuiltinPlugins, type DiscoveryResult, type PluginsConfig, type ResolvedPlugins } from '@openclaw-nodes/core/plugin';
import type { HostEnvironment } from '@openclaw-nodes/core/plugin';
import { CONFIG, STATE_DIR } from '@openclaw-nodes/core';
import type { Logger } from '@openclaw-nodes/core/logger';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { bindHostLogger, logTo } from './host-logger.js';

/** Built-in capabilities a headless node host can enable, imported only when enabled. */
export const HEADLESS_BUILTINS: BuiltinPlugins = {
  system: async () => (await import('@openclaw-nodes/plugin-system')).default,
  camera: async () => (await import('@openclaw-nodes/plugin-camera')).default,
  location: async () => (await import('@openclaw-nodes/plugin-location')).default,
  notify: async () => (await import('@openclaw-nodes/plugin-notify')).default,
  sms: async () => (await import('@openclaw-nodes/plugin-sms')).default,
};

/** On a node host every plugin but the headless `system` one is optional: a broken one is reported and dropped. */
export const isOptionalNodePlugin = (name: string): boolean => name !== 'system';

export interface NodePluginsOptions {
  readonly stateDir: string;
  readonly plugins?: PluginsConfig;
  /** The machine's `openclaw.json`, bound to `CONFIG`. */
  readonly config?: unknown;
  /** Where third-party plugin names resolve from (the config file's directory). */
  readonly pluginBaseDir?: string;
  /** The host flavour's default capabilities when config names none. */
  readonly defaults?: readonly string[];
  readonly builtins?: BuiltinPlugins;
  readonly hostKind?: 'node' | 'desktop';
  readonly hostEnv: HostEnvironment;
  /** Bound to `LOGGER` (plugins get a child); silent when absent. */
  readonly logger?: Logger;
  /** Installed keyword packages; default: `discoverPlugins` over this machine's search folders. */
  readonly discover?: () => DiscoveryResult;
  /**
   * Return a problem of the whole set (two plugins claiming one command or code) as `setError`
   * instead of throwing, with nothing registered: `plugins list` shows it on every plugin.
   */
  readonly keepSetError?: boolean;
}

/**
 * Keyword discovery over the folders a host on this machine searches (docs/plugins.md,
 * "Discovery and packaging"): the config file's directory, the state dir, the working
 * directory and the global folder.
 */
export function machineDiscovery(options: { readonly stateDir: string; readonly pluginBaseDir?: string }): () => DiscoveryResult {
  return () => discoverPlugins(pluginSearchFolders({ configDir: options.pluginBaseDir ?? options.stateDir, stateDir: options.stateDir }));
}

/** A node host's plugins, registered (unless `setError` says why none could be). */
export interface LoadedNodePlugins {
  readonly container: DependencyContainer;
  readonly plugins: PluginHost;
  readonly logger: Logger;
  readonly resolved: ResolvedPlugins;
  /** With `keepSetError`: why the set as a whole was refused. */
  readonly setError?: OpenClawError;
}

/**
 * Resolves, imports and registers a node host's plugins in one new container (not started):
 * what `node run` runs and `plugins list` inspects. Optional plugins that fail are reported
 * by `plugins.plugins()`, not thrown.
 */
export async function loadNodePlugins(options: NodePluginsOptions): Promise<LoadedNodePlugins> {
  const container = rootContainer.createChildContainer();
  container.register(STATE_DIR, { useValue: options.stateDir });
  // One per host: what plugins offer each other (the canvas overlay notify draws on).
  container.register(HOST_SERVICES, { useValue: new HostServices() });
  // This machine's own config: node-side exec fallbacks and safe bins (EXEC.md 4.1, 7.5).
  if (options.config !== undefined) container.register(CONFIG, { useValue: options.config });
  const config: PluginsConfig = options.plugins ?? { load: [], options: {} };
  const resolved = await resolvePlugins({
    optional: isOptionalNodePlugin,
    config,
    builtins: options.builtins ?? HEADLESS_BUILTINS,
    defaults: options.defaults ?? ['system'],
    baseDir: options.pluginBaseDir ?? process.cwd(),
    discover: options.discover ?? machineDiscovery(options),
    importTimeoutMs: config.startTimeoutMs,
  });
  const logger = await bindHostLogger(container, options.logger);
  for (const warning of resolved.discovered?.warnings ?? []) logger.warn(warning);
  const plugins = new PluginHost({
    container,
    hostVersion: CORE_VERSION,
    hostKind: options.hostKind ?? 'node',
    hostEnv: options.hostEnv,
    side: 'node',
    pluginOptions: config.options,
    startTimeoutMs: config.startTimeoutMs,
    optional: isOptionalNodePlugin,
    log: logTo(logger),
  });
  for (const f of resolved.failed) logger.warn({ plugin: f.name, code: f.code }, `optional plugin "${f.name}" dropped: ${f.reason}`);
  try {
    plugins.load(resolved.plugins, resolved.failed);
  } catch (err) {
    if (options.keepSetError !== true) throw err;
    return { container, plugins, logger, resolved, setError: OpenClawError.from(err, 'PLUGIN_INVALID') };
  }
  return { container, plugins, logger, resolved };
}
