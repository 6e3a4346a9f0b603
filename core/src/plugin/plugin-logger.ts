import type { Logger } from 'pino';
import type { DependencyContainer } from '../di.js';
import { LOGGER } from '../tokens.js';

/**
 * Binds `LOGGER` in a plugin's child container to a child of the host logger carrying
 * `plugin: <name>`, so every line a plugin writes says which plugin wrote it. A host
 * container without a logger leaves the token unbound.
 */
export function bindPluginLogger(host: DependencyContainer, child: DependencyContainer, pluginName: string): void {
  if (!host.isRegistered(LOGGER, true)) return;
  child.register(LOGGER, { useValue: host.resolve<Logger>(LOGGER).child({ plugin: pluginName }) });
}
