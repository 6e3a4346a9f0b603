import { readRawConfig, resolveConfigFilePath } from '@openclaw-nodes/config';

/**
 * `openclaw config file`: the file the config is read from. With no file anywhere, the
 * path `config set` would create.
 */
export async function configFile(): Promise<void> {
  const found = await readRawConfig();
  const path = found.path ?? resolveConfigFilePath().path;
  process.stdout.write(`${path}\n`);
  if (found.path === undefined && process.stdout.isTTY === true) {
    process.stderr.write('(does not exist yet; "openclaw config set" creates it)\n');
  }
}
