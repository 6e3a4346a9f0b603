import { pathToFileURL } from 'node:url';
import { OpenClawError } from '../errors.js';
import type { PluginDefinition } from './contract.js';
import { assertPluginShape } from './plugin-shape.js';
import { messageOf, type PluginInfo } from './plugin-slot.js';
import { droppedInfo } from './plugin-isolation.js';
import { resolvePluginModule } from './resolve-plugin-module.js';

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
}

/** The plugins to hand to `PluginHost.load`, and the optional ones that failed before that. */
export interface ResolvedPlugins {
  readonly plugins: PluginDefinition[];
  readonly failed: PluginInfo[];
  /** Every plugin imported from `load`, enabled or not, by name, with the entry it came from. */
  readonly loaded: ReadonlyMap<string, { readonly plugin: PluginDefinition; readonly spec: string }>;
}

/**
 * Works out which plugins a host runs. Every `load` entry is imported (its name is only known
 * then); the set is `enabled` when given (each a built-in or loaded name), else `defaults` plus
 * every loaded plugin. Only the built-ins in the set are imported.
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
 * Like `resolvePluginSet`, but a plugin that `optional` accepts and that is not found or throws
 * while being imported is returned in `failed` (status `dropped`, with its code) instead of thrown.
 */
export async function resolvePlugins({ config, builtins, defaults, baseDir, optional = () => false }: ResolvePluginSetArgs): Promise<ResolvedPlugins> {
  const failed: PluginInfo[] = [];
  const attempt = async <T>(label: string, load: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await load();
    } catch (err) {
      if (!optional(label)) throw err;
      failed.push(droppedInfo(label, '', err));
      return undefined;
    }
  };
  const loaded = new Map<string, PluginDefinition>();
  const specs = new Map<string, { plugin: PluginDefinition; spec: string }>();
  for (const spec of config.load ?? []) {
    const plugin = await attempt(spec, () => importPlugin(spec, baseDir));
    if (plugin === undefined) continue;
    const clash = Object.hasOwn(builtins, plugin.name) ? 'a built-in plugin' : loaded.has(plugin.name) ? 'another loaded plugin' : undefined;
    if (clash !== undefined) {
      throw new OpenClawError('PLUGIN_DUPLICATE_NAME', `plugin "${plugin.name}" from "${spec}" has the same name as ${clash}; plugin names must be unique`, {
        details: { plugin: plugin.name, spec },
      });
    }
    loaded.set(plugin.name, plugin);
    specs.set(plugin.name, { plugin, spec });
  }

  const names = config.enabled === undefined ? [...defaults, ...loaded.keys()] : [...new Set(config.enabled)];
  const known = [...Object.keys(builtins), ...loaded.keys()];
  const set: PluginDefinition[] = [];
  const loadsFailed = failed.length;
  for (const name of names) {
    const plugin = loaded.get(name) ?? (Object.hasOwn(builtins, name) ? await attempt(name, () => importBuiltin(name, builtins[name])) : undefined);
    if (plugin !== undefined) set.push(plugin);
    else if (!failed.some((f) => f.name === name)) {
      const err = new OpenClawError('PLUGIN_NOT_FOUND', `plugin "${name}" is neither built in nor loaded; known plugins: ${known.join(', ')} (add its package or path to plugins.load)`, {
        details: { plugin: name, known },
      });
      // An enabled name that a failed `load` entry probably provided is reported with it, not fatal.
      if (loadsFailed === 0 || !optional(name)) throw err;
      failed.push(droppedInfo(name, '', err));
    }
  }
  return { plugins: set, failed, loaded: specs };
}

async function importPlugin(spec: string, baseDir: string): Promise<PluginDefinition> {
  const file = resolvePluginModule(spec, baseDir);
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    throw new OpenClawError('PLUGIN_LOAD_FAILED', `plugin "${spec}" (${file}) threw while loading: ${messageOf(err)}`, { cause: err, details: { spec, file } });
  }
  const exported = mod.default ?? mod.plugin;
  if (exported === undefined) {
    throw new OpenClawError('PLUGIN_INVALID', `plugin "${spec}" (${file}) has no default export and no export named "plugin"`, { details: { spec, file } });
  }
  return assertPluginShape(exported, `plugin "${spec}"`);
}

async function importBuiltin(name: string, load: () => Promise<PluginDefinition>): Promise<PluginDefinition> {
  let exported: unknown;
  try {
    exported = await load();
  } catch (err) {
    throw new OpenClawError('PLUGIN_LOAD_FAILED', `built-in plugin "${name}" threw while loading: ${messageOf(err)}`, { cause: err, details: { plugin: name } });
  }
  const plugin = assertPluginShape(exported, `built-in plugin "${name}"`);
  if (plugin.name !== name) throw new OpenClawError('PLUGIN_INVALID', `built-in plugin "${name}" calls itself "${plugin.name}"`, { details: { plugin: name } });
  return plugin;
}
