import type { Command } from 'commander';
import type { NodeInstallFlags } from '../actions/node-install.js';
import { runAction } from '../run-action.js';
import { LOG_LEVEL_OPTION } from './log-level-option.js';
import { registerServiceCommands } from './service-commands.js';

/** Commander collector of a repeated flag. */
const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Declares `openclaw node run` (this machine as a headless node of a gateway) and its service commands. */
export function register(program: Command): void {
  const node = program.command('node').description('run this machine as a node of a gateway');
  node
    .command('run')
    .description('run the headless (or, with --desktop, the desktop) node host in the foreground (token from $OPENCLAW_GATEWAY_TOKEN)')
    .option('--host <hosts>', 'gateway host, or several to fail over between: a,b:18790,[::1]:18791 (default: the ones node.json saved, else 127.0.0.1)')
    .option('--url <url>', 'gateway ws:// or wss:// URL; repeat for several (tried after --host entries)', collect, [])
    .option('--port <port>', 'port of --host entries that name none (default 18789)')
    .option('--display-name <name>', 'the name operators see for this node')
    .option('--tls', 'connect with TLS (wss://)')
    .option('--tls-fingerprint <sha256>', "pin the gateway certificate's SHA-256 fingerprint (implies --tls); one pin for every address")
    .option(...LOG_LEVEL_OPTION)
    .option('--desktop', 'run the desktop node host: adds the canvas (a Chromium window on $DISPLAY / $WAYLAND_DISPLAY) and screen capture')
    .addHelpText('after', '\nExamples:\n  OPENCLAW_GATEWAY_TOKEN=… openclaw node run --host 127.0.0.1 --port 18789 --display-name "Build Node"\n  openclaw node run --host gw1,gw2,gw3 --tls-fingerprint AB:CD:…   (fails over between three gateways)\n  DISPLAY=:0 openclaw node run --desktop --display-name "Desk"')
    .action((flags) => runAction('node run', async () => (await import('../actions/node-run.js')).nodeRun(flags)));
  registerServiceCommands(
    node,
    'node',
    (install) =>
      install
        .option('--host <hosts>', 'gateway host, or several to fail over between: a,b:18790,[::1]:18791 (default: the ones node.json saved, else 127.0.0.1)')
        .option('--url <url>', 'gateway ws:// or wss:// URL; repeat for several (tried after --host entries)', collect, [])
        .option('--port <port>', 'port of --host entries that name none (default: the saved ones, else 18789)')
        .option('--tls', 'connect with TLS (wss://)')
        .option('--tls-fingerprint <sha256>', "pin the gateway certificate's SHA-256 fingerprint (implies --tls); one pin for every address")
        .option('--display-name <name>', 'the name operators see for this node'),
    async (flags: NodeInstallFlags) => (await import('../actions/node-install.js')).nodeInstall(flags),
  );
}
