import { isAbsolute } from 'node:path';
import { detectHostEnvironment, pluginStatus, type HostEnvironment } from '@openclaw-nodes/core/plugin';
import type { NodePluginStatus } from '@openclaw-nodes/core/protocol';
import { HEADLESS_BUILTINS, loadNodePlugins, type NodePluginsOptions } from './node-plugins.js';

/** One row of `openclaw plugins list`. */
export interface PluginListEntry extends NodePluginStatus {
  readonly source: 'built-in' | 'package' | 'path';
  /** Whether `node run` on this machine would run it. */
  readonly enabled: boolean;
}

/** A `plugins.load` entry is a path when it starts with `.` or is absolute, else a package name. */
const sourceOfSpec = (spec: string): 'package' | 'path' => (spec.startsWith('.') || isAbsolute(spec) ? 'path' : 'package');

/**
 * Every plugin this machine's node host is configured with or has built in, with the status
 * `node run` would give it: imports, checks and registers them and asks `available()`, but
 * starts nothing and connects nowhere. Built-ins that are not enabled are listed as such.
 *
 * @example
 * await inspectNodePlugins({ stateDir, plugins: config.plugins, config, pluginBaseDir });
 * // [{ name: 'system', version: '0.1.0', status: 'ok', source: 'built-in', enabled: true }, ...]
 */
export async function inspectNodePlugins(options: Omit<NodePluginsOptions, 'hostEnv'> & { hostEnv?: HostEnvironment }): Promise<PluginListEntry[]> {
  const builtins = options.builtins ?? HEADLESS_BUILTINS;
  const { plugins, resolved } = await loadNodePlugins({ ...options, builtins, hostEnv: options.hostEnv ?? detectHostEnvironment() });
  await plugins.probe();
  const sourceOf = (name: string) => (Object.hasOwn(builtins, name) ? 'built-in' : sourceOfSpec(resolved.loaded.get(name)?.spec ?? name));
  const entries: PluginListEntry[] = plugins.plugins().map((info) => ({ ...pluginStatus(info), source: sourceOf(info.name), enabled: true }));
  const listed = new Set(entries.map((e) => e.name));
  for (const [name, { plugin, spec }] of resolved.loaded) {
    if (!listed.has(name)) entries.push({ name, version: plugin.version, status: 'ok', source: sourceOfSpec(spec), enabled: false });
  }
  for (const [name, load] of Object.entries(builtins)) {
    if (listed.has(name)) continue;
    const version = await load().then((p) => p.version, () => '');
    entries.push({ name, version, status: 'ok', source: 'built-in', enabled: false });
  }
  return entries;
}
