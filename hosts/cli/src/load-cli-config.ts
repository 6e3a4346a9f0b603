import type { LoadedConfig, PluginSettings } from '@openclaw-nodes/config';

let warned = false;

const toStderr = (message: string): void => {
  process.stderr.write(`Warning: ${message}\n`);
};

/**
 * The config as every CLI command reads it (`loadConfig` with the process environment),
 * plus one warning per process on stderr, or through `warn`, when the file holds
 * settings only the real OpenClaw uses: they are accepted and ignored, never silently.
 *
 * @example
 * const { config } = await loadCliConfig();
 */
export async function loadCliConfig(warn: (message: string) => void = toStderr): Promise<LoadedConfig> {
  const { loadConfig } = await import('@openclaw-nodes/config');
  const loaded = await loadConfig();
  warnForeignKeys(loaded.foreignKeys, loaded.path, warn);
  return loaded;
}

/**
 * The config's plugin settings as hosts apply them (`pluginSettings`): a project rc file's
 * `plugins.load` is ignored, with the warning given to `warn`.
 */
export async function cliPluginSettings(loaded: LoadedConfig, warn: (message: string) => void = toStderr): Promise<PluginSettings> {
  const settings = (await import('@openclaw-nodes/config')).pluginSettings(loaded);
  if (settings.warning !== undefined) warn(settings.warning);
  return settings;
}

/** The warning for keys only the real OpenClaw uses, at most once per process. */
export function warnForeignKeys(keys: readonly string[], file: string | undefined, warn: (message: string) => void = toStderr): void {
  if (keys.length === 0 || warned) return;
  warned = true;
  warn(`${file ?? 'the config'} has OpenClaw settings this product does not use; ignoring ${keys.join(', ')}.`);
}
