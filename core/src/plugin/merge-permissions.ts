import type { PluginLog, PluginSlot } from './plugin-slot.js';
import { messageOf } from './plugin-slot.js';

/**
 * Asks each plugin's node side for its live permission map and merges them. One failing
 * probe is logged and left out, so a node can still announce the rest when it connects.
 */
export async function mergePermissions(slots: readonly PluginSlot[], log?: PluginLog): Promise<Record<string, boolean>> {
  const maps = await Promise.all(
    slots.map(async ({ plugin, container }) => {
      if (plugin.node?.permissions === undefined) return {};
      try {
        return await plugin.node.permissions(container);
      } catch (err) {
        log?.('warn', `plugin "${plugin.name}" could not report permissions: ${messageOf(err)}`, { plugin: plugin.name });
        return {};
      }
    }),
  );
  return Object.assign({}, ...maps);
}
