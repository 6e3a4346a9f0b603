import { parsePluginOptions } from './validate-plugins.js';
import type { PluginLog, PluginSlot } from './plugin-slot.js';
import { messageOf } from './plugin-slot.js';

/**
 * Whether a running node-side plugin announces its caps and commands now. A plugin without
 * `advertised()` always does; one whose `advertised()` throws is logged and kept quiet, since
 * announcing a command its plugin cannot vouch for would invite calls it refuses.
 */
export function isAdvertised(slot: PluginSlot, log?: PluginLog): boolean {
  const advertised = slot.plugin.node?.advertised;
  if (advertised === undefined) return true;
  try {
    return advertised(slot.container) === true;
  } catch (err) {
    log?.('warn', `plugin "${slot.plugin.name}" could not tell whether it is advertised: ${messageOf(err)}`, { plugin: slot.plugin.name });
    return false;
  }
}

/**
 * Hands each running plugin that takes live options (`node.reconfigure`) its new options from
 * `pluginOptions` (by plugin name), parsed with its schema. Invalid options are logged with
 * every problem and the plugin keeps its current ones; unchanged options are not handed over.
 * Returns whether any plugin took new options.
 */
export async function reconfigurePlugins(slots: readonly PluginSlot[], pluginOptions: Readonly<Record<string, unknown>>, current: Map<string, string>, log?: PluginLog): Promise<boolean> {
  let changed = false;
  for (const slot of slots) {
    const { plugin, container } = slot;
    const reconfigure = plugin.node?.reconfigure;
    if (reconfigure === undefined) continue;
    const parsed = parsePluginOptions(plugin, pluginOptions[plugin.name]);
    if (!parsed.ok) {
      log?.('warn', `new options for plugin "${plugin.name}" ignored: ${parsed.problems.join('; ')}`, { plugin: plugin.name, code: 'PLUGIN_OPTIONS_INVALID' });
      continue;
    }
    const text = JSON.stringify(parsed.options) ?? '';
    if (current.get(plugin.name) === text) continue;
    try {
      await reconfigure(container, parsed.options);
      current.set(plugin.name, text);
      changed = true;
      log?.('info', `plugin "${plugin.name}" took new options`, { plugin: plugin.name });
    } catch (err) {
      log?.('warn', `plugin "${plugin.name}" refused new options: ${messageOf(err)}`, { plugin: plugin.name });
    }
  }
  return changed;
}
