import { OpenClawError } from '../errors.js';
import type { PluginDefinition } from './contract.js';
import { importBounded, loadWithin } from './import-bounded.js';
import { assertPluginShape } from './plugin-shape.js';
import type { PluginModule } from './resolve-plugin-module.js';

/**
 * Imports a resolved plugin module (see `importBounded`: a regular file of bounded size that
 * finishes loading within `timeoutMs`) and checks its export: the default export, else the one
 * named `plugin`. `spec` names it in errors: the `plugins.load` entry or the package name. Throws
 * PLUGIN_LOAD_FAILED (the module threw, hung or is no file) or PLUGIN_INVALID (no or a malformed plugin object).
 */
export async function importPluginModule({ file }: PluginModule, spec: string, timeoutMs: number): Promise<PluginDefinition> {
  const details = { spec, file };
  const label = `plugin "${spec}"`;
  const mod = await importBounded(file, label, timeoutMs, details);
  const exported = mod.default ?? mod.plugin;
  if (exported === undefined) throw new OpenClawError('PLUGIN_INVALID', `${label} (${file}) has no default export and no export named "plugin"`, { details });
  return assertPluginShape(exported, label);
}

/** Imports a built-in through its lazy loader (within `timeoutMs`) and checks that it is the plugin it is named for. */
export async function importBuiltin(name: string, load: () => Promise<PluginDefinition>, timeoutMs: number): Promise<PluginDefinition> {
  const exported: unknown = await loadWithin(load, `built-in plugin "${name}"`, timeoutMs, { plugin: name });
  const plugin = assertPluginShape(exported, `built-in plugin "${name}"`);
  if (plugin.name !== name) throw new OpenClawError('PLUGIN_INVALID', `built-in plugin "${name}" calls itself "${plugin.name}"`, { details: { plugin: name } });
  return plugin;
}
