import { realpathSync } from 'node:fs';
import { detectHostEnvironment, firstPartyPluginNames, pluginStatus, sourceOfSpec, type DiscoveryResult, type HostEnvironment, type PluginSource } from '@openclaw-nodes/core/plugin';
import type { NodePluginStatus } from '@openclaw-nodes/core/protocol';
import { HEADLESS_BUILTINS, loadNodePlugins, machineDiscovery, type NodePluginsOptions } from './node-plugins.js';

/** One row of `openclaw plugins list`. */
export interface PluginListEntry extends NodePluginStatus {
  readonly source: PluginSource;
  /** Whether `node run` on this machine would run it. */
  readonly enabled: boolean;
}

/**
 * Every plugin this machine's node host is configured with, has built in or finds installed
 * with the plugin keyword, with the status `node run` would give it: imports, checks and
 * registers the enabled ones and asks `available()`, but starts nothing and connects nowhere.
 * Built-ins and discovered packages that are not enabled are listed as such; a discovered one
 * is then not imported, and one shadowed by an earlier package of the same plugin name is
 * listed as failed with PLUGIN_DUPLICATE_NAME. When the enabled set as a whole is refused (two
 * plugins claim one command or error code), every plugin in it is listed as failed with that
 * problem. What discovery could not read goes to `warn`.
 *
 * @example
 * await inspectNodePlugins({ stateDir, plugins: config.plugins, config, pluginBaseDir });
 * // [{ name: 'system', version: '0.1.0', status: 'ok', source: 'built-in', enabled: true }, ...]
 */
export async function inspectNodePlugins(options: Omit<NodePluginsOptions, 'hostEnv'> & { hostEnv?: HostEnvironment; warn?: (message: string) => void }): Promise<PluginListEntry[]> {
  const builtins = options.builtins ?? HEADLESS_BUILTINS;
  let discovered: DiscoveryResult | undefined;
  const discover = () => (discovered ??= (options.discover ?? machineDiscovery(options))());
  const { plugins, resolved, setError } = await loadNodePlugins({ ...options, builtins, discover, hostEnv: options.hostEnv ?? detectHostEnvironment(), keepSetError: true });
  if (setError === undefined) await plugins.probe();
  const sourceOf = (name: string): PluginSource => (Object.hasOwn(builtins, name) ? 'built-in' : (resolved.sources.get(name) ?? sourceOfSpec(name)));
  const entries: PluginListEntry[] = plugins.plugins().map((info) => ({ ...pluginStatus(info), source: sourceOf(info.name), enabled: true }));
  const listed = new Set(entries.map((e) => e.name));
  // The set was refused as a whole: `node run` would run none of these, for this reason.
  for (const plugin of setError === undefined ? [] : resolved.plugins.filter((p) => !listed.has(p.name))) {
    const { code, message } = setError as { code: string; message: string };
    entries.push({ ...pluginStatus({ name: plugin.name, version: plugin.version, status: 'failed', code, reason: message }), source: sourceOf(plugin.name), enabled: true });
    listed.add(plugin.name);
  }
  for (const [name, { plugin }] of resolved.loaded) {
    if (!listed.has(name)) entries.push({ name, version: plugin.version, status: 'ok', source: sourceOf(name), enabled: false });
  }
  for (const [name, load] of Object.entries(builtins)) {
    if (listed.has(name)) continue;
    const version = await load().then((p) => p.version, () => '');
    entries.push({ name, version, status: 'ok', source: 'built-in', enabled: false });
  }
  for (const warning of discover().warnings) options.warn?.(warning);
  const firstParty = firstPartyPluginNames();
  for (const found of discover().plugins) {
    if (resolved.packageDirs.has(realpathSync(found.dir))) continue;
    const taken = entries.find((e) => e.name === found.name);
    const builtIn = Object.hasOwn(builtins, found.name) || firstParty.has(found.name);
    const first = found.shadowedBy ?? (builtIn ? 'the built-in plugin' : taken === undefined ? undefined : 'plugins.load');
    if (first === undefined) entries.push({ name: found.name, version: found.version, status: 'ok', source: 'package', enabled: false });
    else {
      const message = `${found.dir} is not used: plugin "${found.name}" already comes from ${first}`;
      entries.push({ name: found.name, version: found.version, status: 'failed', code: 'PLUGIN_DUPLICATE_NAME', message, source: 'package', enabled: false });
    }
  }
  return entries;
}
