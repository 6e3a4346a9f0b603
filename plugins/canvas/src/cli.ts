/**
 * @module
 * The canvas plugin's light CLI entry: `openclaw nodes canvas …` (CLI.md 5.7). It only
 * declares commands; each action imports its code when it runs.
 */
import type { Command } from 'commander';
import type { PluginCliContext, PluginCliEntry } from '@openclaw-nodes/core/plugin';

type Flags = Record<string, any>;

function register(canvas: Command, cli: PluginCliContext): void {
  const run = (label: string, flags: Flags, fn: () => Promise<void>) => cli.run(`canvas ${label}`, flags, fn);
  const command = (name: string, description: string, timeoutMs = 10_000) => cli.nodeCommand(canvas, name, description, timeoutMs);
  const actions = () => import('./cli-actions.js');

  command('snapshot', 'capture the canvas to a temp file and print MEDIA:<path>', 60_000)
    .option('--format <png|jpg|jpeg>', 'image format', 'jpg')
    .option('--max-width <px>', 'downscale to at most this width (default 900 for png, 1600 for jpeg)')
    .option('--quality <0-1>', 'JPEG quality (default 0.9)')
    .addHelpText('after', '\nExample:\n  openclaw nodes canvas snapshot --node "Desk" --format png --max-width 1200')
    .action((flags: Flags) => run('snapshot', flags, async () => (await actions()).canvasSnapshot(cli, flags as never)));

  command('present', 'show the canvas window, optionally at a URL or local file and position')
    .option('--target <urlOrPath>', 'http(s)/file URL or an absolute path on the node')
    .option('--x <px>', 'window left edge')
    .option('--y <px>', 'window top edge')
    .option('--width <px>', 'window width')
    .option('--height <px>', 'window height')
    .action((flags: Flags) => run('present', flags, async () => (await actions()).canvasPresent(cli, flags as never)));

  command('hide', 'hide the canvas window (its page is kept)').action((flags: Flags) => run('hide', flags, async () => (await actions()).canvasHide(cli, flags as never)));

  command('navigate', 'load a URL or local file in the canvas')
    .argument('<url>', 'http(s)/file URL or an absolute path on the node')
    .action((url: string, flags: Flags) => run('navigate', flags, async () => (await actions()).canvasNavigate(cli, url, flags as never)));

  command('eval', 'run JavaScript in the canvas page and print its result')
    .argument('[js]', 'the script (or use --js)')
    .option('--js <code>', 'the script; wins over the positional argument')
    .addHelpText('after', '\nExample:\n  openclaw nodes canvas eval --node "Desk" --js "document.title"')
    .action((js: string | undefined, flags: Flags) => run('eval', flags, async () => (await actions()).canvasEval(cli, js, flags as never)));

  const a2ui = canvas.command('a2ui').description('render A2UI v0.8 surfaces in the canvas');
  const a2uiActions = () => import('./cli-a2ui.js');
  const runA2ui = (label: string, flags: Flags, fn: () => Promise<void>) => run(`a2ui ${label}`, flags, fn);

  cli
    .nodeCommand(a2ui, 'push', 'send A2UI v0.8 JSONL (checked here first) or a line of text')
    .option('--jsonl <path>', 'file with one A2UI v0.8 message per line')
    .option('--text <text>', 'render this text as a one-component surface')
    .addHelpText('after', '\nExamples:\n  openclaw nodes canvas a2ui push --node "Desk" --text "Hello"\n  openclaw nodes canvas a2ui push --node "Desk" --jsonl ./payload.jsonl')
    .action((flags: Flags) => runA2ui('push', flags, async () => (await a2uiActions()).canvasA2uiPush(cli, flags as never)));

  cli.nodeCommand(a2ui, 'reset', 'remove every A2UI surface').action((flags: Flags) => runA2ui('reset', flags, async () => (await a2uiActions()).canvasA2uiReset(cli, flags as never)));
}

const canvasCli: PluginCliEntry = { name: 'canvas', description: "present pages, run scripts, capture and render A2UI in a node's canvas", register };
export default canvasCli;
