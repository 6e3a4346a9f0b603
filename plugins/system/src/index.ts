/**
 * @module
 * The `system` capability plugin: `system.which` on node hosts. `system.run` and the exec
 * approval commands join the same command table and service.
 */
import { createRequire } from 'node:module';
import { definePlugin } from '@openclaw-nodes/core/plugin';
import { systemCommands, type WhichParams, type WhichResult } from './commands.js';
import { SystemService } from './system-service.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/**
 * The plugin object a host loads.
 *
 * @example
 * host.load([systemPlugin]);
 * await host.start();
 * await host.invoke('system.which', { bins: ['sh'] }, ctx); // { bins: { sh: '/usr/bin/sh' } }
 */
export const systemPlugin = definePlugin({
  name: 'system',
  version,
  host: '^0.1.0',
  caps: ['system'],
  commands: systemCommands,
  node: {
    register(container) {
      container.registerSingleton(SystemService);
    },
    handlers(container) {
      const system = container.resolve(SystemService);
      return {
        'system.which': async ({ bins }: WhichParams): Promise<WhichResult> => ({ bins: await system.which(bins) }),
      };
    },
  },
});

export default systemPlugin;
export { systemCommands, whichCommand, whichParams, whichResult, MAX_BINS, MAX_BIN_NAME, type WhichParams, type WhichResult } from './commands.js';
export { SystemService, DEFAULT_PATH } from './system-service.js';
