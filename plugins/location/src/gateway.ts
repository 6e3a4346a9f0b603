/**
 * @module
 * The location plugin as the gateway loads it: its command table, error codes and options,
 * so the gateway routes `location.get` and passes its codes on. Zod only, no socket code.
 */
import { createRequire } from 'node:module';
import { definePlugin } from '@openclaw-nodes/core/plugin';
import { locationCommands } from './commands.js';
import { locationErrorCodes } from './errors.js';
import { locationOptions } from './options.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Everything of the plugin but its node side; `index.ts` adds that. */
export const locationGatewayPlugin = definePlugin({
  name: 'location',
  version,
  host: '^0.1.0',
  caps: ['location'],
  commands: locationCommands,
  errors: locationErrorCodes,
  options: locationOptions,
});
