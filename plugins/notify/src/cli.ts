/**
 * @module
 * The notify plugin's light CLI entry: `openclaw nodes notify` (CLI.md 5.5), one command
 * rather than a group. It only declares the command; the action imports its code when it runs.
 */
import type { Command } from 'commander';
import type { PluginCliContext, PluginCliEntry } from '@openclaw-nodes/core/plugin';

function register(notify: Command, cli: PluginCliContext): void {
  cli
    .nodeOptions(notify, 10_000)
    .option('--title <text>', 'notification title')
    .option('--body <text>', 'notification body')
    .option('--sound <name>', 'sound-theme name; none|silent|off for no sound')
    .option('--priority <passive|active|timeSensitive>', 'urgency: passive=low, active=normal, timeSensitive=critical')
    .option('--delivery <system|overlay|auto>', 'where it shows', 'system')
    .addHelpText('after', '\nExample:\n  openclaw nodes notify --node "Desk" --title "Build" --body "finished" --priority timeSensitive')
    .action((flags: Record<string, any>) => cli.run('notify', flags, async () => (await import('./cli-actions.js')).nodesNotify(cli, flags as never)));
}

const notifyCli: PluginCliEntry = { name: 'notify', description: 'show a notification on a node (system.notify)', register };
export default notifyCli;
