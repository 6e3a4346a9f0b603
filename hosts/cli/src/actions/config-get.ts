import { OpenClawError } from '@openclaw-nodes/core/errors';
import { getConfigValue, parseConfigPath, redactSecrets } from '@openclaw-nodes/config';
import { loadCliConfig } from '../load-cli-config.js';
import { formatValue } from './format-value.js';

export interface ConfigGetOptions {
  json?: boolean;
  /** Print secrets as they are instead of `__OPENCLAW_REDACTED__`, for scripts that need them. */
  showSecrets?: boolean;
}

/**
 * `openclaw config get <path>`: the effective value (file, `${VAR}` references, env
 * overrides, defaults). Strings and numbers print raw, objects and lists as pretty JSON;
 * `--json` always JSON. Secrets, at any depth, print as `__OPENCLAW_REDACTED__` unless
 * `--show-secrets`.
 */
export async function configGet(path: string, options: ConfigGetOptions): Promise<void> {
  const keys = parseConfigPath(path);
  const { config } = await loadCliConfig();
  const value = getConfigValue(config, keys);
  if (value === undefined) throw new OpenClawError('CONFIG_PATH_NOT_FOUND', `Config path not found: ${path}`, { details: { path } });
  const shown = options.showSecrets === true ? value : redactSecrets(value, keys);
  process.stdout.write(`${formatValue(shown, options.json === true)}\n`);
}
