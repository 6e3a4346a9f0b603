import { realpathSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { OpenClawError } from '../errors.js';
import type { PluginDefinition } from './contract.js';
import type { DiscoveredPlugin, DiscoveryResult } from './discover-plugins.js';
import { firstPartyPluginNames } from './first-party-names.js';
import { importBuiltin, importPluginModule } from './plugin-import.js';
import { DEFAULT_START_TIMEOUT_MS } from './plugin-host-options.js';
import { droppedInfo } from './plugin-isolation.js';
import type { PluginInfo } from './plugin-slot.js';
import { packageModule, resolvePluginModule } from './resolve-plugin-module.js';

/** Built-in plugins by name, as lazy imports so a host only pays for the ones it runs. */
export type BuiltinPlugins = Readonly<Record<string, () => Promise<PluginDefinition>>>;

export interface ResolvePluginSetArgs {
  /** The parsed `plugins` config section; only `enabled` and `load` matter here. */
  readonly config: { readonly enabled?: readonly string[]; readonly load?: readonly string[] };
  readonly builtins: BuiltinPlugins;
  /** The host flavour's default plugin names, used when `config.enabled` is unset. */
  readonly defaults: readonly string[];
  /** Where `load` entries resolve from: the config file's directory. */
  readonly baseDir: string;
  /**
   * Whether a plugin (by name, or by its `load` entry when it failed before its name was known)
   * may be dropped when it cannot be found or imported; such failures are returned, not thrown.
   */
  readonly optional?: (nameOrSpec: string) => boolean;
  /**
   * Installed packages carrying the plugin keyword (`discoverPlugins`), asked for only when
   * `enabled` names a plugin that is neither built in nor in `load`. They run only when enabled.
   */
  readonly discover?: () => DiscoveryResult;
  /** A package export to prefer over the main entry (`./gateway` on the gateway). */
  readonly subpath?: string;
  /** How long one plugin module may take to load, ms (`plugins.startTimeoutMs`; default `DEFAULT_START_TIMEOUT_MS`). */
  readonly importTimeoutMs?: number;
}

/** Where a plugin came from, as `openclaw plugins list` shows it. */
export type PluginSource = 'built-in' | 'package' | 'path';

/** The plugins to hand to `PluginHost.load`, and the optional ones that failed before that. */
export interface ResolvedPlugins {
  readonly plugins: PluginDefinition[];
  readonly failed: PluginInfo[];
  /** Every plugin imported from `load` or discovery, enabled or not, by name, with the entry it came from. */
  readonly loaded: ReadonlyMap<string, { readonly plugin: PluginDefinition; readonly spec: string }>;
  /** The source of every plugin name and `load` entry seen, failed ones included. */
  readonly sources: ReadonlyMap<string, PluginSource>;
  /** What discovery found, when it ran. */
  readonly discovered?: DiscoveryResult;
  /** The real paths of the package directories this set was imported from, or tried to be. */
  readonly packageDirs: ReadonlySet<string>;
}

/** A `plugins.load` entry is a path when it starts with `.` or is absolute, else a package name. */
export const sourceOfSpec = (spec: string): 'package' | 'path' => (spec.startsWith('.') || isAbsolute(spec) ? 'path' : 'package');

/**
 * Works out which plugins a host runs. Every `load` entry is imported (its name is only known
 * then); the set is `enabled` when given (each a built-in, loaded or discovered name), else
 * `defaults` plus every loaded plugin. Only the built-ins and discovered packages in the set
 * are imported.
 *
 * @example
 * const plugins = await resolvePluginSet({
 *   config: { load: ['openclaw-plugin-echo'] },
 *   builtins: { system: async () => (await import('@openclaw-nodes/plugin-system')).default },
 *   defaults: ['system'],
 *   baseDir: stateDir,
 * });
 */
export async function resolvePluginSet(args: ResolvePluginSetArgs): Promise<PluginDefinition[]> {
  return (await resolvePlugins({ ...args, optional: undefined })).plugins;
}

/**
 * Like `resolvePluginSet`, but a plugin that `optional` accepts and that is not found, or throws
 * or hangs while being imported, is returned in `failed` (status `dropped`, with its code)
 * instead of thrown.
 */
export async function resolvePlugins({ config, builtins, defaults, baseDir, optional = () => false, discover, subpath, importTimeoutMs = DEFAULT_START_TIMEOUT_MS }: ResolvePluginSetArgs): Promise<ResolvedPlugins> {
  const failed: PluginInfo[] = [];
  const sources = new Map<string, PluginSource>();
  const packageDirs = new Set<string>();
  const attempt = async <T>(label: string, load: (setVersion: (v: string) => void) => Promise<T>): Promise<T | undefined> => {
    let version = '';
    try {
      return await load((v) => (version = v));
    } catch (err) {
      if (!optional(label)) throw err;
      failed.push(droppedInfo(label, version, err));
      return undefined;
    }
  };
  const loaded = new Map<string, { plugin: PluginDefinition; spec: string }>();
  const add = (plugin: PluginDefinition, spec: string, source: PluginSource) => {
    const clash = Object.hasOwn(builtins, plugin.name) ? 'a built-in plugin' : loaded.has(plugin.name) ? 'another loaded plugin' : undefined;
    if (clash !== undefined) {
      throw new OpenClawError('PLUGIN_DUPLICATE_NAME', `plugin "${plugin.name}" from "${spec}" has the same name as ${clash}; plugin names must be unique`, {
        details: { plugin: plugin.name, spec },
      });
    }
    loaded.set(plugin.name, { plugin, spec });
    sources.set(plugin.name, source);
  };
  for (const spec of config.load ?? []) {
    sources.set(spec, sourceOfSpec(spec));
    const plugin = await attempt(spec, async (setVersion) => {
      const module = resolvePluginModule(spec, baseDir, subpath);
      setVersion(module.version);
      if (module.dir !== undefined) packageDirs.add(realpathSync(module.dir));
      return importPluginModule(module, spec, importTimeoutMs);
    });
    if (plugin !== undefined) add(plugin, spec, sourceOfSpec(spec));
  }

  const names = config.enabled === undefined ? [...defaults, ...loaded.keys()] : [...new Set(config.enabled)];
  let discovered: DiscoveryResult | undefined;
  let firstParty: Set<string> | undefined;
  const findDiscovered = (name: string): DiscoveredPlugin | undefined => {
    discovered ??= discover?.();
    if (discovered === undefined || (firstParty ??= firstPartyPluginNames()).has(name)) return undefined;
    return discovered.plugins.find((p) => p.name === name && p.shadowedBy === undefined);
  };
  const set: PluginDefinition[] = [];
  for (const name of names) {
    let plugin = loaded.get(name)?.plugin ?? (Object.hasOwn(builtins, name) ? await attempt(name, () => importBuiltin(name, builtins[name], importTimeoutMs)) : undefined);
    const found = plugin === undefined && !Object.hasOwn(builtins, name) ? findDiscovered(name) : undefined;
    if (found !== undefined) {
      sources.set(name, 'package');
      packageDirs.add(realpathSync(found.dir));
      plugin = await attempt(name, (setVersion) => (setVersion(found.version), importDiscovered(found, subpath, importTimeoutMs)));
      if (plugin !== undefined) add(plugin, found.dir, 'package');
    }
    if (plugin !== undefined) set.push(plugin);
    else if (found === undefined && !failed.some((f) => f.name === name)) {
      const usable = discovered?.plugins.filter((p) => !firstParty?.has(p.name)).map((p) => p.name) ?? [];
      const known = [...new Set([...Object.keys(builtins), ...loaded.keys(), ...usable])];
      const err = new OpenClawError('PLUGIN_NOT_FOUND', `plugin "${name}" is neither built in, loaded nor installed with the openclaw-nodes-plugin keyword; known plugins: ${known.join(', ')} (install its package where plugins are discovered, or add its package or path to plugins.load)`, {
        details: { plugin: name, known },
      });
      // An optional plugin that is not there (not installed here, or its `load` entry failed) is reported, not fatal.
      if (!optional(name)) throw err;
      failed.push(droppedInfo(name, '', err));
    }
  }
  return { plugins: set, failed, loaded, sources, discovered, packageDirs };
}

/** Imports a discovered package; the plugin must carry the name its package.json gave it. */
async function importDiscovered(found: DiscoveredPlugin, subpath: string | undefined, timeoutMs: number): Promise<PluginDefinition> {
  const plugin = await importPluginModule(packageModule(found.dir, found.packageName, `plugin package "${found.packageName}" at ${found.dir}`, subpath), found.packageName, timeoutMs);
  if (plugin.name !== found.name) {
    throw new OpenClawError('PLUGIN_INVALID', `plugin package "${found.packageName}" is discovered as "${found.name}" but its plugin calls itself "${plugin.name}"; set openclawNodes.name in its package.json to "${plugin.name}"`, {
      details: { plugin: found.name, spec: found.packageName },
    });
  }
  return plugin;
}
