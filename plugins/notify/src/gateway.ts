/**
 * @module
 * The notify plugin as the gateway and the CLI load it: its command table and options, without
 * the D-Bus client.
 */
import { createRequire } from 'node:module';
import { definePlugin } from '@openclaw-nodes/core/plugin';
import { notifyCommands } from './commands.js';
import { notifyOptions } from './options.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Everything of the plugin but its node side; `index.ts` adds that. */
export const notifyGatewayPlugin = definePlugin({
  name: 'notify',
  version,
  host: '^0.1.0',
  caps: [],
  commands: notifyCommands,
  options: notifyOptions,
});
