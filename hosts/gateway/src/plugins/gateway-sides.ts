import type { GatewaySide, PluginsConfig } from '@openclaw-nodes/core/plugin';

/**
 * Gateway sides of the built-in capabilities, each from the plugin's light `./gateway` entry:
 * the gateway never loads a browser or an image library to serve a capability's routes.
 */
const BUILTIN_GATEWAY_SIDES: Readonly<Record<string, () => Promise<GatewaySide>>> = {
  canvas: async () => (await import('@openclaw-nodes/plugin-canvas/gateway')).canvasGateway,
};

/**
 * The gateway sides of the capabilities config enables (all built-ins when it names none),
 * plus those of third-party plugins listed in `plugins.load`.
 *
 * @example
 * const sides = await loadGatewaySides(config.plugins, dirname(configPath));
 * const mediaRoutes = sides.flatMap((side) => side.media ?? []);
 */
export async function loadGatewaySides(config: PluginsConfig | undefined, baseDir: string): Promise<GatewaySide[]> {
  const enabled = config?.enabled;
  const builtins = Object.keys(BUILTIN_GATEWAY_SIDES).filter((name) => !enabled || enabled.includes(name));
  const sides = await Promise.all(builtins.map((name) => BUILTIN_GATEWAY_SIDES[name]()));
  if (config && config.load.length > 0) {
    const builtinNames = new Set(['system', ...Object.keys(BUILTIN_GATEWAY_SIDES)]);
    // The plugin loader (tsyringe, semver) is only paid for when there is something to load.
    const { resolvePluginSet } = await import('@openclaw-nodes/core/plugin');
    const thirdParty = await resolvePluginSet({
      config: { ...config, enabled: enabled?.filter((name) => !builtinNames.has(name)) },
      builtins: {},
      defaults: [],
      baseDir,
    });
    for (const plugin of thirdParty) if (plugin.gateway) sides.push(plugin.gateway);
  }
  return sides;
}
