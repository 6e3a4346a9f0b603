/**
 * @module
 * The system plugin as the gateway knows it: its command table and nothing else. The system
 * plugin runs on nodes only, so the gateway does not run it; it reserves its command names,
 * so that no other plugin enabled on the gateway can claim `system.run` or `system.which`
 * and rewrite every node's answers with a `postProcess`.
 */
import { createRequire } from 'node:module';
import { definePlugin } from '@openclaw-nodes/core/plugin';
import { systemCommands } from './commands.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Commands, caps and version of the system plugin, without its node side. */
export const systemGatewayPlugin = definePlugin({ name: 'system', version, host: '^0.1.0', caps: ['system'], commands: systemCommands });
