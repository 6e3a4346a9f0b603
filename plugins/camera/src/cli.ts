/**
 * @module
 * The camera plugin's light CLI entry: `openclaw nodes camera list|snap|clip` (CLI.md 5.8).
 * It only declares commands; each action imports its code when it runs.
 */
import type { Command } from 'commander';
import type { PluginCliContext, PluginCliEntry } from '@openclaw-nodes/core/plugin';

type Flags = Record<string, any>;

function register(camera: Command, cli: PluginCliContext): void {
  const run = (label: string, flags: Flags, fn: () => Promise<void>) => cli.run(`camera ${label}`, flags, fn);
  const actions = () => import('./cli-actions.js');

  cli
    .nodeCommand(camera, 'list', "list the node's cameras (devices and configured sources)", 60_000)
    .action((flags: Flags) => run('list', flags, async () => (await actions()).cameraList(cli, flags as never)));

  cli
    .nodeCommand(camera, 'snap', 'take a photo per facing to temp files and print MEDIA:<path> for each', 60_000)
    .option('--facing <front|back|both>', 'which camera(s): both takes front, then back (default both; front with --device-id)')
    .option('--device-id <id>', 'a camera id from camera list')
    .option('--max-width <px>', 'downscale to at most this width (default 1600)')
    .option('--quality <0-1>', 'JPEG quality (default 0.9)')
    .option('--delay-ms <ms>', 'let the camera settle this long first (0 to 10000)')
    .addHelpText('after', '\nExamples:\n  openclaw nodes camera snap --node "Desk"\n  openclaw nodes camera snap --node "Desk" --facing front --max-width 800')
    .action((flags: Flags) => run('snap', flags, async () => (await actions()).cameraSnap(cli, flags as never)));

  cli
    .nodeCommand(camera, 'clip', 'record an MP4 clip to a temp file and print MEDIA:<path>', 90_000)
    .option('--facing <front|back>', 'which camera', 'front')
    .option('--device-id <id>', 'a camera id from camera list')
    .option('--duration <ms|10s|1m>', 'length; the node clamps it to [250 ms, 60 s]', '3000')
    .option('--no-audio', 'record without sound')
    .addHelpText('after', '\nExamples:\n  openclaw nodes camera clip --node "Desk" --duration 10s\n  openclaw nodes camera clip --node "Desk" --duration 3000 --no-audio')
    .action((flags: Flags) => run('clip', flags, async () => (await actions()).cameraClip(cli, flags as never)));
}

const cameraCli: PluginCliEntry = { name: 'camera', description: "list a node's cameras, take photos and record clips", register };
export default cameraCli;
