import { OpenClawError } from '../errors.js';
import type { PluginLog, PluginSideName, PluginSlot } from './plugin-slot.js';
import { messageOf } from './plugin-slot.js';
import { TIMED_OUT, withTimeout } from './with-timeout.js';

/**
 * Stops the given plugins one after another (callers pass reverse start order), each within
 * its timeout. A failure does not stop the sweep; all failures end in one PLUGIN_STOP_FAILED.
 */
export async function stopPlugins(
  slots: readonly PluginSlot[],
  side: PluginSideName,
  timeoutFor: (slot: PluginSlot) => number,
  log?: PluginLog,
): Promise<void> {
  const failures: { plugin: string; message: string; cause?: unknown }[] = [];
  for (const slot of slots) {
    if (slot.status !== 'running' && !slot.timedOut) continue;
    const { plugin, container } = slot;
    const ms = timeoutFor(slot);
    try {
      const outcome = await withTimeout(() => plugin[side]?.stop?.(container), ms);
      if (outcome === TIMED_OUT) failures.push({ plugin: plugin.name, message: `did not stop within ${ms} ms` });
    } catch (err) {
      failures.push({ plugin: plugin.name, message: messageOf(err), cause: err });
    }
    slot.timedOut = false;
    if (slot.status === 'running') slot.status = 'stopped';
  }
  for (const f of failures) log?.('error', `plugin "${f.plugin}" failed to stop: ${f.message}`, { plugin: f.plugin, code: 'PLUGIN_STOP_FAILED' });
  if (failures.length === 0) return;
  const summary = failures.map((f) => `${f.plugin} (${f.message})`).join('; ');
  throw new OpenClawError('PLUGIN_STOP_FAILED', `plugins failed to stop: ${summary}`, {
    details: { failures: failures.map(({ plugin, message }) => ({ plugin, message })) },
    cause: new AggregateError(failures.map((f) => f.cause ?? new Error(f.message)), summary),
  });
}
