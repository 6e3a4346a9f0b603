import { OpenClawError } from '@openclaw-nodes/core/errors';
import { formatConfigPath, getConfigValue, parseConfigPath, redactSecrets } from '@openclaw-nodes/config';
import { loadCliConfig } from '../load-cli-config.js';
import { formatValue } from './format-value.js';

export interface ConfigGetOptions {
  json?: boolean;
  /** Print secrets as they are instead of `__OPENCLAW_REDACTED__`, for scripts that need them. */
  showSecrets?: boolean;
}

/**
 * `openclaw config get <path>`: the effective value (file, `${VAR}` references, env
 * overrides, defaults); for a key only the real OpenClaw uses, the value in the file. Strings and numbers print raw, objects and lists as pretty JSON;
 * `--json` always JSON. Secrets, at any depth, print as `__OPENCLAW_REDACTED__` unless
 * `--show-secrets`.
 */
export async function configGet(path: string, options: ConfigGetOptions): Promise<void> {
  const keys = parseConfigPath(path);
  const { config, raw, foreignKeys } = await loadCliConfig();
  // An OpenClaw-only key is not in the validated config, but it is in the file.
  const wanted = formatConfigPath(keys);
  const foreign = foreignKeys.some((key) => wanted === key || wanted.startsWith(`${key}.`) || wanted.startsWith(`${key}[`));
  const value = foreign ? getConfigValue(raw, keys) : getConfigValue(config, keys);
  if (value === undefined) throw new OpenClawError('CONFIG_PATH_NOT_FOUND', `Config path not found: ${path}`, { details: { path } });
  const shown = options.showSecrets === true ? value : redactSecrets(value, keys);
  process.stdout.write(`${formatValue(shown, options.json === true)}\n`);
}
