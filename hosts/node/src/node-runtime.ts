import { dirname } from 'node:path';
import { PluginHost, detectHostEnvironment, pluginStatus, type PluginsConfig } from '@openclaw-nodes/core/plugin';
import { deviceIdentityPath } from '@openclaw-nodes/core/identity';
import { removeStaleTempFilesIn } from '@openclaw-nodes/core/store';
import type { Logger } from '@openclaw-nodes/core/logger';
import { logTo } from './host-logger.js';
import { loadNodePlugins } from './node-plugins.js';
import { NodeHost, type NodeHostLog, type NodeHostOptions } from './node-host.js';
import { runtimeStatusWriter } from './runtime-status-file.js';

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
  const { plugins, logger } = await loadNodePlugins({ ...options, hostEnv });
  const log: NodeHostLog = options.log ?? logTo(logger);
  await plugins.start();
  const pluginStatuses = () => plugins.plugins().map(pluginStatus);
  const statusFile = runtimeStatusWriter(options.stateDir, pluginStatuses);
  const host = new NodeHost({
    ...options,
    hostEnv,
    runner: plugins,
    log,
    pluginStatuses,
    onStatus: statusFile.report,
    surfaceChanges: (listener) => plugins.onSurfaceChange(listener),
  });
  statusFile.report({ status: host.status, url: host.url, gateways: host.urls });
  return {
    host,
    plugins,
    async stop() {
      await host.stop();
      await plugins.stop();
      await statusFile.remove();
    },
  };
}
