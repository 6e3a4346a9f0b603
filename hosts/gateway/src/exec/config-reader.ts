import { stat } from 'node:fs/promises';
import { loadConfig, resolveConfigFilePath, type LoadConfigOptions, type OpenClawConfig } from '@openclaw-nodes/config';

/**
 * The gateway's view of `openclaw.json` for exec routing. Each `read()` stats the config
 * file (a few microseconds) and parses it again only when it changed, so
 * `openclaw config set tools.exec.node …` applies to the next exec call without a restart.
 * An invalid edit fails that call with `CONFIG_INVALID` naming every issue.
 *
 * @example
 * const reader = new ConfigReader();
 * const { tools } = await reader.read();
 */
export class ConfigReader {
  private cached: { signature: string; config: OpenClawConfig } | undefined;
  private loadedPath: string | undefined;

  constructor(private readonly options: LoadConfigOptions = {}) {}

  async read(): Promise<OpenClawConfig> {
    const signature = await this.signature();
    if (this.cached?.signature === signature) return this.cached.config;
    const { config, path } = await loadConfig(this.options);
    this.loadedPath = path;
    // The signature taken before loading: a write during the load is picked up next time.
    this.cached = { signature, config };
    return config;
  }

  /** The config last read, for callers that cannot wait (undefined before the first read). */
  latest(): OpenClawConfig | undefined {
    return this.cached?.config;
  }

  /** Where `config set` writes, and the file actually loaded (a project rc file, say). */
  private async signature(): Promise<string> {
    const paths = new Set([resolveConfigFilePath(this.options).path, this.loadedPath].filter((p): p is string => p !== undefined));
    const parts = await Promise.all(
      [...paths].map(async (path) => {
        const s = await stat(path).catch(() => undefined);
        return s ? `${path}:${s.ino}:${s.size}:${s.mtimeMs}` : `${path}:missing`;
      }),
    );
    return parts.join('|');
  }
}
