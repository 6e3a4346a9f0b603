import { pathToFileURL } from 'node:url';
import { OpenClawError } from '../errors.js';
import type { PluginDefinition } from './contract.js';
import { assertPluginShape } from './plugin-shape.js';
import { messageOf } from './plugin-slot.js';
import type { PluginModule } from './resolve-plugin-module.js';

/**
 * Imports a resolved plugin module and checks its export: the default export, else the one
 * named `plugin`. `spec` names it in errors: the `plugins.load` entry or the package name. Throws
 * PLUGIN_LOAD_FAILED (the module threw) or PLUGIN_INVALID (no or a malformed plugin object).
 */
export async function importPluginModule({ file }: PluginModule, spec: string): Promise<PluginDefinition> {
  const details = { spec, file };
  const label = `plugin "${spec}"`;
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    throw new OpenClawError('PLUGIN_LOAD_FAILED', `${label} (${file}) threw while loading: ${messageOf(err)}`, { cause: err, details });
  }
  const exported = mod.default ?? mod.plugin;
  if (exported === undefined) throw new OpenClawError('PLUGIN_INVALID', `${label} (${file}) has no default export and no export named "plugin"`, { details });
  return assertPluginShape(exported, label);
}

/** Imports a built-in through its lazy loader and checks that it is the plugin it is named for. */
export async function importBuiltin(name: string, load: () => Promise<PluginDefinition>): Promise<PluginDefinition> {
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
