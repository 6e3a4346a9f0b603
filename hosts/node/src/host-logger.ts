import type { DependencyContainer } from '@openclaw-nodes/core/di';
import type { Logger } from '@openclaw-nodes/core/logger';
import type { PluginLog } from '@openclaw-nodes/core/plugin';
import { LOGGER } from '@openclaw-nodes/core';

/**
 * Binds `LOGGER` in a host container: the given logger, or a silent one for hosts started
 * without (tests, `approvals --gateway`), so a plugin that injects it always resolves.
 * pino is imported only in that case, keeping it out of one-shot commands that pass none.
 */
export async function bindHostLogger(container: DependencyContainer, logger?: Logger): Promise<Logger> {
  const bound = logger ?? (await import('@openclaw-nodes/core/logger')).silentLogger();
  container.register(LOGGER, { useValue: bound });
  return bound;
}

/** A `(level, message, fields?)` callback (the plugin host's and the node host's) writing through `logger`. */
export function logTo(logger: Logger): PluginLog {
  return (level, message, fields) => logger[level](fields ?? {}, message);
}
