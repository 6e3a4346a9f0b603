import { isOpenClawError } from '@openclaw-nodes/core/errors';
import {
  editConfigFile,
  findProjectConfig,
  isSecretPath,
  parseConfigPath,
  parseConfigValue,
  resolveConfigFilePath,
  setConfigKey,
  type ConfigPath,
} from '@openclaw-nodes/config';
import { warnForeignKeys } from '../load-cli-config.js';

export interface ConfigSetOptions {
  strictJson?: boolean;
  /** Legacy alias for `strictJson`. */
  json?: boolean;
}

/**
 * `openclaw config set <path> <value>`: writes the value into the file, validated first. A
 * new `agents.list` item created through a key inside it becomes the default agent `main`.
 * A value that parses as JSON5 but does not fit the key while its text does is stored as
 * the text, so `config set tools.exec.node 1234` keeps the node name a string.
 */
export async function configSet(path: string, text: string, options: ConfigSetOptions): Promise<void> {
  const keys = parseConfigPath(path);
  const strict = options.strictJson === true || options.json === true;
  const value = parseConfigValue(text, { strictJson: strict, secret: isSecretPath(keys) });
  const edited = await setWithTextFallback(keys, value, strict ? undefined : text);
  process.stdout.write(`Updated ${path}. Restart the gateway to apply.\n`);
  warnForeignKeys(edited.foreignKeys, edited.path);
  if (edited.created && !resolveConfigFilePath().explicit) {
    // The state-dir file wins over a project rc file, so creating it hides that file.
    const project = await findProjectConfig(process.cwd()).catch(() => undefined);
    if (project !== undefined) process.stderr.write(`Note: ${edited.path} now takes precedence over ${project.path}.\n`);
  }
}

async function setWithTextFallback(keys: ConfigPath, value: unknown, text: string | undefined) {
  try {
    return await editConfigFile({}, (raw) => setConfigKey(raw, keys, value));
  } catch (err) {
    if (text === undefined || value === text || !isOpenClawError(err, 'CONFIG_INVALID')) throw err;
    // Report the first attempt's issues if the text does not fit either.
    return await editConfigFile({}, (raw) => setConfigKey(raw, keys, text)).catch(() => Promise.reject(err));
  }
}
