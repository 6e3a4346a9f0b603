import { OpenClawError } from '@openclaw-nodes/core/errors';
import { getConfigValue, loadConfig, parseConfigPath } from '@openclaw-nodes/config';
import { formatValue } from './format-value.js';

/**
 * `openclaw config get <path>`: the effective value (file, env overrides, defaults).
 * Strings and numbers print raw, objects and lists as pretty JSON; `--json` always JSON.
 */
export async function configGet(path: string, options: { json?: boolean }): Promise<void> {
  const keys = parseConfigPath(path);
  const { config } = await loadConfig();
  const value = getConfigValue(config, keys);
  if (value === undefined) throw new OpenClawError('CONFIG_PATH_NOT_FOUND', `Config path not found: ${path}`, { details: { path } });
  process.stdout.write(`${formatValue(value, options.json === true)}\n`);
}
