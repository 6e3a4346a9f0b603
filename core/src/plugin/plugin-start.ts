import { OpenClawError, isOpenClawError } from '../errors.js';
import type { CommandHandler } from './contract.js';
import type { PluginSideName, PluginSlot } from './plugin-slot.js';
import { messageOf } from './plugin-slot.js';
import { TIMED_OUT, withTimeout } from './with-timeout.js';

/**
 * Starts one registered plugin on the given side: `available()` (node side), then its
 * handlers, then `start()`, all within `timeoutMs`. Throws PLUGIN_START_TIMEOUT or
 * PLUGIN_START_FAILED; on success the slot is `running` with its handlers collected.
 */
export async function startPlugin(slot: PluginSlot, side: PluginSideName, timeoutMs: number): Promise<void> {
  const { plugin, container } = slot;
  const fail = (why: string, cause?: unknown) =>
    new OpenClawError('PLUGIN_START_FAILED', `plugin "${plugin.name}" failed to start: ${why}`, { cause, details: { plugin: plugin.name } });

  slot.status = 'starting';
  let outcome: 'unavailable' | Readonly<Record<string, CommandHandler>> | undefined | typeof TIMED_OUT;
  try {
    outcome = await withTimeout(async () => {
      if (side === 'gateway') return void (await plugin.gateway?.start?.(container));
      const node = plugin.node;
      if (node === undefined) return undefined;
      if (node.available !== undefined && !(await node.available(container))) return 'unavailable' as const;
      // Handlers before start: a handler table that cannot be built should not leave a started service behind.
      const handlers = node.handlers(container);
      const missing = plugin.commands.filter((c) => typeof handlers[c.name] !== 'function').map((c) => c.name);
      if (missing.length > 0) throw fail(`no handler for ${missing.join(', ')}`);
      await node.start?.(container);
      return handlers;
    }, timeoutMs);
  } catch (err) {
    throw isOpenClawError(err, 'PLUGIN_START_FAILED') ? err : fail(messageOf(err), err);
  }
  if (outcome === TIMED_OUT) {
    slot.timedOut = true;
    throw new OpenClawError('PLUGIN_START_TIMEOUT', `plugin "${plugin.name}" did not start within ${timeoutMs} ms`, {
      details: { plugin: plugin.name, timeoutMs },
    });
  }
  if (outcome === 'unavailable') {
    slot.unavailable = true;
    throw fail('not available on this machine');
  }
  if (outcome !== undefined) slot.handlers = outcome;
  slot.status = 'running';
}

/**
 * Asks a registered plugin's node side whether it can run here, within `timeoutMs`, without
 * starting it (for `openclaw plugins list`). Leaves the slot `registered` when it can; marks it
 * `unavailable`, or `dropped` with PLUGIN_START_FAILED / PLUGIN_START_TIMEOUT when the probe throws or hangs.
 */
export async function probePlugin(slot: PluginSlot, timeoutMs: number): Promise<void> {
  const { plugin, container } = slot;
  const available = plugin.node?.available;
  if (available === undefined) return;
  let outcome: boolean | typeof TIMED_OUT;
  try {
    outcome = await withTimeout(async () => Boolean(await available(container)), timeoutMs);
  } catch (err) {
    Object.assign(slot, { status: 'dropped', code: 'PLUGIN_START_FAILED', reason: `plugin "${plugin.name}" failed to start: ${messageOf(err)}` });
    return;
  }
  if (outcome === TIMED_OUT) Object.assign(slot, { status: 'dropped', code: 'PLUGIN_START_TIMEOUT', reason: `plugin "${plugin.name}" did not answer available() within ${timeoutMs} ms` });
  else if (!outcome) Object.assign(slot, { status: 'unavailable', code: 'PLUGIN_START_FAILED', reason: `plugin "${plugin.name}" failed to start: not available on this machine` });
}
