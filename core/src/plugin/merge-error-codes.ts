import { OpenClawError, isErrorCode } from '../errors.js';
import type { PluginErrorCodeInfo } from '../errors/plugin-error-codes.js';
import type { PluginDefinition } from './contract.js';

/** A plugin-declared error code with the plugin that owns it. */
export interface OwnedErrorCode extends PluginErrorCodeInfo {
  readonly plugin: string;
}

/**
 * Merges the error codes a plugin set declares into one table. A code is owned by one plugin:
 * one claimed twice, or one core already has, throws `PLUGIN_ERROR_CODE_CONFLICT` naming both
 * claimants, because a client matching on the code could not tell whose failure it saw.
 *
 * @example
 * mergeErrorCodes([canvasPlugin]).get('CANVAS_EVAL_FAILED'); // { plugin: 'canvas', wire: 'INVALID_REQUEST', status: 422, ... }
 */
export function mergeErrorCodes(plugins: readonly PluginDefinition[]): ReadonlyMap<string, OwnedErrorCode> {
  const merged = new Map<string, OwnedErrorCode>();
  for (const plugin of plugins) {
    for (const [code, info] of Object.entries(plugin.errors ?? {})) {
      const owner = isErrorCode(code) ? 'core' : merged.get(code)?.plugin;
      if (owner !== undefined) {
        const who = owner === 'core' ? 'a core error code (docs/errors.md); throw core codes without declaring them, and give the plugin\'s own a name of its own' : `also declared by plugin "${owner}"; rename the plugin's code or enable only one of them`;
        throw new OpenClawError('PLUGIN_ERROR_CODE_CONFLICT', `error code "${code}" of plugin "${plugin.name}" is ${who}`, {
          details: { errorCode: code, plugins: owner === 'core' ? [plugin.name] : [owner, plugin.name] },
        });
      }
      merged.set(code, { ...info, plugin: plugin.name });
    }
  }
  return merged;
}
