/**
 * @module
 * The sms plugin as the gateway loads it: its command table (both commands dangerous: the
 * gateway routes them only with `gateway.nodes.commands.allow`), error codes and options.
 */
import { createRequire } from 'node:module';
import { definePlugin } from '@openclaw-nodes/core/plugin';
import { smsCommands } from './commands.js';
import { smsErrorCodes } from './errors.js';
import { smsOptions } from './options.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Everything of the plugin but its node side; `index.ts` adds that. */
export const smsGatewayPlugin = definePlugin({
  name: 'sms',
  version,
  host: '^0.1.0',
  caps: ['sms'],
  commands: smsCommands,
  errors: smsErrorCodes,
  options: smsOptions,
});
