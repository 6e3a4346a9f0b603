import type { Command } from 'commander';
import { runAction } from '../run-action.js';
import { withGatewayOptions } from './gateway-options.js';

const NODE_HELP = 'node id, id prefix (6+ chars), display name or IP';
const INVOKE_HELP = 'how long the gateway waits for the node (ms)';
type Flags = Record<string, any>;

/** Declares `openclaw nodes canvas …` (CLI.md 5.7): drive a node's canvas window through the gateway. */
export function register(nodes: Command): void {
  const canvas = nodes.command('canvas').description("present pages, run scripts, capture and render A2UI in a node's canvas");
  const run = (label: string, flags: Flags, fn: () => Promise<void>) => runAction(`nodes canvas ${label}`, fn, { json: flags.json });
  const command = (name: string, description: string, timeoutMs = 10_000) =>
    withGatewayOptions(canvas.command(name).description(description), timeoutMs).requiredOption('--node <idOrNameOrIp>', NODE_HELP).option('--invoke-timeout <ms>', INVOKE_HELP);
  const actions = () => import('../actions/canvas.js');

  command('snapshot', 'capture the canvas to a temp file and print MEDIA:<path>', 60_000)
    .option('--format <png|jpg|jpeg>', 'image format', 'jpg')
    .option('--max-width <px>', 'downscale to at most this width (default 900 for png, 1600 for jpeg)')
    .option('--quality <0-1>', 'JPEG quality (default 0.9)')
    .addHelpText('after', '\nExample:\n  openclaw nodes canvas snapshot --node "Desk" --format png --max-width 1200')
    .action((flags: Flags) => run('snapshot', flags, async () => (await actions()).canvasSnapshot(flags as never)));

  command('present', 'show the canvas window, optionally at a URL or local file and position')
    .option('--target <urlOrPath>', 'http(s)/file URL or an absolute path on the node')
    .option('--x <px>', 'window left edge')
    .option('--y <px>', 'window top edge')
    .option('--width <px>', 'window width')
    .option('--height <px>', 'window height')
    .action((flags: Flags) => run('present', flags, async () => (await actions()).canvasPresent(flags as never)));

  command('hide', 'hide the canvas window (its page is kept)').action((flags: Flags) => run('hide', flags, async () => (await actions()).canvasHide(flags as never)));

  command('navigate', 'load a URL or local file in the canvas')
    .argument('<url>', 'http(s)/file URL or an absolute path on the node')
    .action((url: string, flags: Flags) => run('navigate', flags, async () => (await actions()).canvasNavigate(url, flags as never)));

  command('eval', 'run JavaScript in the canvas page and print its result')
    .argument('[js]', 'the script (or use --js)')
    .option('--js <code>', 'the script; wins over the positional argument')
    .addHelpText('after', '\nExample:\n  openclaw nodes canvas eval --node "Desk" --js "document.title"')
    .action((js: string | undefined, flags: Flags) => run('eval', flags, async () => (await actions()).canvasEval(js, flags as never)));

  const a2ui = canvas.command('a2ui').description('render A2UI v0.8 surfaces in the canvas');
  const a2uiCommand = (name: string, description: string) =>
    withGatewayOptions(a2ui.command(name).description(description), 10_000).requiredOption('--node <idOrNameOrIp>', NODE_HELP).option('--invoke-timeout <ms>', INVOKE_HELP);
  const runA2ui = (label: string, flags: Flags, fn: () => Promise<void>) => run(`a2ui ${label}`, flags, fn);

  a2uiCommand('push', 'send A2UI v0.8 JSONL (checked here first) or a line of text')
    .option('--jsonl <path>', 'file with one A2UI v0.8 message per line')
    .option('--text <text>', 'render this text as a one-component surface')
    .addHelpText('after', '\nExamples:\n  openclaw nodes canvas a2ui push --node "Desk" --text "Hello"\n  openclaw nodes canvas a2ui push --node "Desk" --jsonl ./payload.jsonl')
    .action((flags: Flags) => runA2ui('push', flags, async () => (await import('../actions/canvas-a2ui.js')).canvasA2uiPush(flags as never)));

  a2uiCommand('reset', 'remove every A2UI surface').action((flags: Flags) =>
    runA2ui('reset', flags, async () => (await import('../actions/canvas-a2ui.js')).canvasA2uiReset(flags as never)),
  );
}
