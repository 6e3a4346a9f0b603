import type { Command } from 'commander';
import { runAction } from '../run-action.js';

/** Declares `openclaw plugins list`: this machine's node-host plugins and their status, no gateway needed. */
export function register(program: Command): void {
  const plugins = program.command('plugins').description("this machine's node-host plugins");
  plugins
    .command('list')
    .description('every built-in and configured plugin: version, source, enabled, and status (ok, unavailable, failed) as `node run` would see it')
    .option('--json', 'print JSON')
    .option('--desktop', 'as `node run --desktop` sees them (adds the canvas and other desktop built-ins)')
    .addHelpText('after', '\nLoads and checks plugin code (including available()), but starts no plugin and no node.\n\nExamples:\n  openclaw plugins list\n  openclaw plugins list --json\n  openclaw plugins list --desktop')
    .action((flags: { json?: boolean; desktop?: boolean }) => runAction('plugins list', async () => (await import('../actions/plugins-list.js')).pluginsList(flags), { json: flags.json, exitWhenDone: true }));
}
