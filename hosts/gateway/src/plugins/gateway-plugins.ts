import { CORE_VERSION, PluginHost, discoverPlugins, pluginSearchFolders, resolvePlugins, type BuiltinPlugins, type PluginDefinition, type PluginLog, type PluginsConfig } from '@openclaw-nodes/core/plugin';
import type { DependencyContainer } from '@openclaw-nodes/core/di';
import { OpenClawError } from '@openclaw-nodes/core/errors';

/**
 * Built-ins as the gateway loads them, each from the plugin's light `./gateway` entry (its
 * commands, error codes, options and gateway side): the gateway never loads a browser or an
 * image library to route and serve a capability.
 */
const GATEWAY_BUILTINS: BuiltinPlugins = {
  canvas: async () => (await import('@openclaw-nodes/plugin-canvas/gateway')).canvasGatewayPlugin,
  camera: async () => (await import('@openclaw-nodes/plugin-camera/gateway')).cameraGatewayPlugin,
  location: async () => (await import('@openclaw-nodes/plugin-location/gateway')).locationGatewayPlugin,
  screen: async () => (await import('@openclaw-nodes/plugin-screen/gateway')).screenGatewayPlugin,
  notify: async () => (await import('@openclaw-nodes/plugin-notify/gateway')).notifyGatewayPlugin,
  sms: async () => (await import('@openclaw-nodes/plugin-sms/gateway')).smsGatewayPlugin,
};

/**
 * Built-ins that run on nodes only: the gateway routes their commands by the OpenClaw defaults,
 * and reserves their names (no other plugin may declare one).
 */
const NODE_ONLY_BUILTINS: BuiltinPlugins = {
  system: async () => (await import('@openclaw-nodes/plugin-system/gateway')).systemGatewayPlugin,
};

/**
 * The plugins the gateway runs: the enabled built-ins with a gateway entry (all of them when
 * config names none), the third-party plugins of `plugins.load`, and installed packages with
 * the plugin keyword that `plugins.enabled` names. A third-party package is imported from its
 * `./gateway` export when it has one, else whole. Discovery reads the node_modules folders of
 * `baseDir`, `stateDir`, the working directory and the global folder, and only when needed.
 * Discovery warnings go to `log`. Throws what `resolvePluginSet` throws (PLUGIN_NOT_FOUND, PLUGIN_LOAD_FAILED, ...).
 *
 * @example
 * const plugins = await resolveGatewayPlugins(config.plugins, dirname(configPath), stateDir, log);
 */
export async function resolveGatewayPlugins(config: PluginsConfig | undefined, baseDir: string, stateDir: string = baseDir, log?: PluginLog): Promise<PluginDefinition[]> {
  const enabled = config?.enabled?.filter((name) => !Object.hasOwn(NODE_ONLY_BUILTINS, name));
  const resolved = await resolvePlugins({
    config: { enabled, load: config?.load ?? [] },
    builtins: GATEWAY_BUILTINS,
    defaults: Object.keys(GATEWAY_BUILTINS),
    baseDir,
    discover: () => discoverPlugins(pluginSearchFolders({ configDir: baseDir, stateDir })),
    subpath: './gateway',
    importTimeoutMs: config?.startTimeoutMs,
  });
  for (const warning of resolved.discovered?.warnings ?? []) log?.('warn', warning);
  // Built-ins never claim each other's commands: only third-party plugins are checked, and the
  // reserved names are loaded only when there is one.
  await refuseReservedCommands(resolved.plugins.filter((p) => !Object.hasOwn(GATEWAY_BUILTINS, p.name)));
  return resolved.plugins;
}

/**
 * Refuses a plugin that declares a command of a node-only built-in (`system.which`): on a node
 * that is a conflict of the whole set, and the gateway, which does not run those built-ins,
 * must not let a plugin claim their commands either (PLUGIN_COMMAND_CONFLICT).
 */
async function refuseReservedCommands(plugins: readonly PluginDefinition[]): Promise<void> {
  if (plugins.length === 0) return;
  for (const [name, load] of Object.entries(NODE_ONLY_BUILTINS)) {
    const reserved = new Set((await load()).commands.map((c) => c.name));
    for (const plugin of plugins) {
      const claimed = plugin.commands.find((c) => reserved.has(c.name));
      if (claimed !== undefined) {
        throw new OpenClawError('PLUGIN_COMMAND_CONFLICT', `plugin "${plugin.name}" declares ${claimed.name}, a command of the built-in ${name} plugin; only ${name} serves it`, {
          details: { plugin: plugin.name, command: claimed.name, owner: name },
        });
      }
    }
  }
}

/**
 * The gateway's plugin host over `container`, where the gateway's services are bound; each
 * plugin gets a child of it. Loaded and started by the caller once those bindings exist.
 */
export function gatewayPluginHost(container: DependencyContainer, config: PluginsConfig | undefined, log: PluginLog): PluginHost {
  return new PluginHost({
    container,
    hostVersion: CORE_VERSION,
    hostKind: 'gateway',
    side: 'gateway',
    pluginOptions: config?.options,
    startTimeoutMs: config?.startTimeoutMs,
    log,
  });
}
