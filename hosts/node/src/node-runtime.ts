import { dirname } from 'node:path';
import { rootContainer } from '@openclaw-nodes/core/di';
import { CORE_VERSION, PluginHost, detectHostEnvironment, resolvePlugins, type PluginsConfig } from '@openclaw-nodes/core/plugin';
import { CONFIG, STATE_DIR } from '@openclaw-nodes/core';
import { deviceIdentityPath } from '@openclaw-nodes/core/identity';
import { removeStaleTempFilesIn } from '@openclaw-nodes/core/store';
import type { Logger } from '@openclaw-nodes/core/logger';
import { bindHostLogger, logTo } from './host-logger.js';
import { NodeHost, type NodeHostLog, type NodeHostOptions } from './node-host.js';

/** Built-in capabilities a headless node host can enable, imported only when enabled. */
const BUILTINS = {
  system: async () => (await import('@openclaw-nodes/plugin-system')).default,
};

export interface NodeRuntimeOptions extends Omit<NodeHostOptions, 'runner'> {
  plugins?: PluginsConfig;
  /** The machine's `openclaw.json` (or a function returning the current one), bound to `CONFIG`. */
  config?: unknown;
  /** Where third-party plugin names resolve from (the config file's directory). */
  pluginBaseDir?: string;
  /** The host flavour's default capabilities when config names none. */
  defaults?: readonly string[];
  builtins?: Record<string, () => Promise<import('@openclaw-nodes/core/plugin').PluginDefinition>>;
  hostKind?: 'node' | 'desktop';
  /** Bound to `LOGGER` (plugins get a child) and used for connection lines unless `log` is given; silent when absent. */
  logger?: Logger;
}

/**
 * Composes a node host: one DI container, the enabled plugins started in order, and the
 * connection loop. `stop()` closes the connection and stops plugins in reverse order.
 *
 * @example
 * const runtime = await startNodeRuntime({ stateDir, host: '127.0.0.1', port: 18789, token, version });
 * await runtime.host.run();
 */
export async function startNodeRuntime(options: NodeRuntimeOptions): Promise<{ host: NodeHost; plugins: PluginHost; stop: () => Promise<void> }> {
  // One set of host facts for the plugins (HOST_ENV) and the connection (platform, PATH).
  const hostEnv = options.hostEnv ?? detectHostEnvironment();
  // Writes killed mid-way leave temp files beside node.json, exec approvals and the identity.
  await Promise.all([options.stateDir, dirname(deviceIdentityPath(options.stateDir))].map(removeStaleTempFilesIn));
  const container = rootContainer.createChildContainer();
  container.register(STATE_DIR, { useValue: options.stateDir });
  // This machine's own config: node-side exec fallbacks and safe bins (EXEC.md 4.1, 7.5).
  if (options.config !== undefined) container.register(CONFIG, { useValue: options.config });
  const config: PluginsConfig = options.plugins ?? { load: [], options: {} };
  // Every plugin but the headless `system` one is optional: a broken one is reported and dropped.
  const optional = (name: string) => name !== 'system';
  const { plugins: definitions, failed } = await resolvePlugins({
    optional,
    config,
    builtins: options.builtins ?? BUILTINS,
    defaults: options.defaults ?? ['system'],
    baseDir: options.pluginBaseDir ?? process.cwd(),
  });
  const logger = await bindHostLogger(container, options.logger);
  const log: NodeHostLog = options.log ?? logTo(logger);
  const plugins = new PluginHost({
    container,
    hostVersion: CORE_VERSION,
    hostKind: options.hostKind ?? 'node',
    hostEnv,
    side: 'node',
    pluginOptions: config.options,
    startTimeoutMs: config.startTimeoutMs,
    optional,
    log: logTo(logger),
  });
  for (const f of failed) logger.warn({ plugin: f.name, code: f.code }, `optional plugin "${f.name}" dropped: ${f.reason}`);
  plugins.load(definitions, failed);
  await plugins.start();
  const host = new NodeHost({ ...options, hostEnv, runner: plugins, log });
  return {
    host,
    plugins,
    async stop() {
      await host.stop();
      await plugins.stop();
    },
  };
}
