import type { NodePluginStatus } from '../protocol/node-plugins.js';
import type { PluginInfo } from './plugin-slot.js';

/** Longest failure message carried to the gateway or printed by `plugins list`. */
const MAX_MESSAGE = 1_000;

/**
 * What an operator sees of one plugin: a registered or running plugin is `ok`, one whose
 * `available()` said no is `unavailable` (reason in `message`), anything dropped or failed is
 * `failed` with its code and message.
 *
 * @example
 * pluginStatus({ name: 'echo', version: '1.2.0', status: 'dropped', code: 'PLUGIN_LOAD_FAILED', reason: 'boom' });
 * // { name: 'echo', version: '1.2.0', status: 'failed', code: 'PLUGIN_LOAD_FAILED', message: 'boom' }
 */
export function pluginStatus(info: PluginInfo): NodePluginStatus {
  const { name, version } = info;
  if (info.status === 'registered' || info.status === 'starting' || info.status === 'running' || info.status === 'stopped') return { name, version, status: 'ok' };
  const message = (info.reason ?? info.status).slice(0, MAX_MESSAGE);
  if (info.status === 'unavailable') return { name, version, status: 'unavailable', message };
  return { name, version, status: 'failed', code: info.code ?? 'PLUGIN_START_FAILED', message };
}
