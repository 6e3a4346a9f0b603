/**
 * @module
 * The location plugin's light CLI entry: `openclaw nodes location get` (CLI.md 5.10). It only
 * declares the command; the action is imported when it runs.
 */
import type { Command } from 'commander';
import type { PluginCliContext, PluginCliEntry } from '@openclaw-nodes/core/plugin';

function register(location: Command, cli: PluginCliContext): void {
  cli
    .nodeCommand(location, 'get', "print the node's position as <lat>,<lon> ±<accuracy>m", 30_000)
    .option('--max-age <ms>', 'accept a fix the node already has if it is no older than this')
    .option('--accuracy <coarse|balanced|precise>', 'desired accuracy (default: the node decides)')
    .option('--location-timeout <ms>', 'how long the node waits for a fix', '10000')
    .addHelpText('after', '\nExample:\n  openclaw nodes location get --node "Pi" --max-age 15000 --accuracy precise')
    .action((flags: Record<string, any>) => cli.run('location get', flags, async () => (await import('./cli-actions.js')).locationGet(cli, flags as never)));
}

const locationCli: PluginCliEntry = { name: 'location', description: "ask a node for its position (gpsd or GeoClue on Linux)", register };
export default locationCli;
