import { CONFIG, STATE_DIR } from '@openclaw-nodes/core';
import { rootContainer } from '@openclaw-nodes/core/di';
import type { Logger } from '@openclaw-nodes/core/logger';
import { CORE_VERSION, PluginHost } from '@openclaw-nodes/core/plugin';
import { bindHostLogger, logTo } from './host-logger.js';

export interface LocalRunnerOptions {
  /** Whose `exec-approvals.json` applies: the gateway's state dir. */
  readonly stateDir: string;
  /** This machine's current config (node-side exec fallbacks and safe bins). */
  readonly config?: () => unknown;
  /** Bound to `LOGGER` and used for plugin lifecycle lines; silent when absent. */
  readonly logger?: Logger;
}

/**
 * The system plugin's node side, without a connection: what a gateway runs `host=gateway`
 * exec commands and its own `exec.approvals.get|set` through, so the gateway machine enforces
 * exec approvals with the same engine as every node host.
 *
 * @example
 * const local = await startLocalRunner({ stateDir, config: () => reader.latest() });
 * await Gateway.start({ ..., exec: { config: () => reader.read(), local: local.runner } });
 */
export async function startLocalRunner(options: LocalRunnerOptions): Promise<{ runner: PluginHost; stop: () => Promise<void> }> {
  const container = rootContainer.createChildContainer();
  container.register(STATE_DIR, { useValue: options.stateDir });
  if (options.config) container.register(CONFIG, { useValue: options.config });
  const logger = await bindHostLogger(container, options.logger);
  const runner = new PluginHost({ container, hostVersion: CORE_VERSION, hostKind: 'gateway', side: 'node', log: logTo(logger) });
  runner.load([(await import('@openclaw-nodes/plugin-system')).default]);
  await runner.start();
  return { runner, stop: () => runner.stop() };
}
