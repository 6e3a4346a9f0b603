/**
 * @module
 * The screen plugin's light CLI entry: `openclaw nodes screen record|snapshot` (CLI.md 5.9).
 * It only declares commands; each action imports its code when it runs.
 */
import type { Command } from 'commander';
import type { PluginCliContext, PluginCliEntry } from '@openclaw-nodes/core/plugin';

type Flags = Record<string, any>;

function register(screen: Command, cli: PluginCliContext): void {
  const run = (label: string, flags: Flags, fn: () => Promise<void>) => cli.run(`screen ${label}`, flags, fn);
  const actions = () => import('./cli-actions.js');

  cli
    .nodeCommand(screen, 'record', 'record a display to an MP4 and print MEDIA:<path>', 180_000)
    .option('--screen <index>', 'display to record, 0 first', '0')
    .option('--duration <ms|10s|1m>', 'length, clamped by the node to 60 s', '10000')
    .option('--fps <fps>', 'frames per second, clamped by the node to [1, 60]', '10')
    .option('--no-audio', 'record no sound')
    .option('--out <path>', 'write the recording to exactly this path (an existing file is replaced)')
    .addHelpText('after', '\nExamples:\n  openclaw nodes screen record --node "Desk" --duration 10s --fps 10\n  openclaw nodes screen record --node "Desk" --duration 3000 --no-audio --out ./desk.mp4')
    .action((flags: Flags) => run('record', flags, async () => (await actions()).screenRecord(cli, flags as never)));

  cli
    .nodeCommand(screen, 'snapshot', 'capture one frame of a display and print MEDIA:<path>', 60_000)
    .option('--screen <index>', 'display to capture, 0 first', '0')
    .option('--format <png|jpg|jpeg>', 'image format', 'png')
    .option('--max-width <px>', 'downscale to at most this width')
    .option('--quality <0-1>', 'JPEG quality (default 0.9)')
    .option('--out <path>', 'write the image to exactly this path (an existing file is replaced)')
    .addHelpText('after', '\nExample:\n  openclaw nodes screen snapshot --node "Desk" --format jpg --max-width 1200')
    .action((flags: Flags) => run('snapshot', flags, async () => (await actions()).screenSnapshot(cli, flags as never)));
}

const screenCli: PluginCliEntry = { name: 'screen', description: "record or capture a node's screen", register };
export default screenCli;
