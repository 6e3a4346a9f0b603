import { OpenClawError } from '@openclaw-nodes/core/errors';
import { editConfigFile, parseConfigPath, unsetConfigValue } from '@openclaw-nodes/config';

/** `openclaw config unset <path>`: removes the key from the file; nothing there → exit 1. */
export async function configUnset(path: string): Promise<void> {
  const keys = parseConfigPath(path);
  await editConfigFile({}, (raw) => {
    if (!unsetConfigValue(raw, keys)) {
      throw new OpenClawError('CONFIG_PATH_NOT_FOUND', `Config path not found: ${path}`, { details: { path } });
    }
  });
  process.stdout.write(`Removed ${path}. Restart the gateway to apply.\n`);
}
