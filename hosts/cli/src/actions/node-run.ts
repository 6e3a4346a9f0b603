import { addHostOnlyEnvKeys } from '@openclaw-nodes/core/exec';
import { openDirWarning } from '@openclaw-nodes/core/store';
import { startNodeRuntime } from '@openclaw-nodes/node-host';
import { cliPluginSettings, loadCliConfig } from '../load-cli-config.js';
import { installLastResortHandlers } from '../last-resort.js';
import { readVersion } from '../version.js';
import { hideEnvSecrets } from './hide-env-secrets.js';
import { startHostLogger } from './host-logger.js';
import { keepYoungGenerationSmall } from './long-running.js';
import { watchConfigFile } from './config-watch.js';
import { nodeGatewayTarget, type NodeGatewayFlags } from './node-gateway-target.js';

export interface NodeRunFlags extends NodeGatewayFlags {
  displayName?: string;
  /** Run the desktop node host (system + canvas, ...) instead of the headless one. */
  desktop?: boolean;
  logLevel?: string;
}

/**
 * `openclaw node run`: the headless node host in the foreground. The token comes from
 * `OPENCLAW_GATEWAY_TOKEN`; once paired, the device token the gateway issued is enough.
 */
export async function nodeRun(flags: NodeRunFlags): Promise<void> {
  keepYoungGenerationSmall();
  const logger = await startHostLogger('node-host', flags.logLevel);
  // One gateway request gone wrong must not end the node host.
  installLastResortHandlers({ label: 'node-host', keepRunning: true, report: (message, err) => logger.error({ err }, message) });
  const loaded = await loadCliConfig((message) => logger.warn(message));
  const { config, stateDir, path, envReferences } = loaded;
  const pluginSet = await cliPluginSettings(loaded, (message) => logger.warn(message));
  // Commands this host runs may read /proc/<our pid>/environ: no credential is left there,
  // nor reaches their environment (a `${VAR}` of the config holds one as much as OPENCLAW_*).
  addHostOnlyEnvKeys(envReferences);
  hideEnvSecrets(envReferences);
  const gateway = await nodeGatewayTarget(stateDir, flags);
  // The desktop host is loaded only when asked for: a headless node never imports the canvas.
  const start = flags.desktop ? (await import('@openclaw-nodes/desktop-host')).startDesktopRuntime : startNodeRuntime;
  const runtime = await start({
    stateDir,
    ...gateway,
    displayName: flags.displayName ?? config.nodes.displayName,
    mediaInlineMaxBytes: config.nodes.media.inlineMaxBytes,
    token: process.env.OPENCLAW_GATEWAY_TOKEN,
    plugins: pluginSet.plugins,
    config,
    pluginBaseDir: pluginSet.baseDir,
    version: readVersion(),
    logger,
  });
  logger.info(`commands: ${runtime.plugins.commands().join(', ') || '(none)'}`);
  const openStateDir = await openDirWarning(stateDir);
  if (openStateDir) logger.warn(openStateDir);
  // Plugins that take live options (location's mode) follow edits of the config file; the node
  // announces the change to its gateway without reconnecting.
  const stopWatching =
    path === undefined
      ? () => undefined
      : watchConfigFile(
          path,
          async () => {
            const reloaded = await loadCliConfig((message) => logger.warn(message));
            await runtime.plugins.reconfigure(reloaded.config.plugins?.options ?? {});
          },
          (err) => logger.warn({ err }, `could not reload ${path}; keeping the current plugin options`),
        );
  const stop = (signal: string) => {
    logger.info(`${signal}: stopping`);
    void runtime.stop();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  try {
    await runtime.host.run();
  } finally {
    stopWatching();
    await runtime.stop();
  }
}
