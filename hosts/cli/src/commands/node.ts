import type { Command } from 'commander';
import type { NodeInstallFlags } from '../actions/node-install.js';
import { runAction } from '../run-action.js';
import { LOG_LEVEL_OPTION } from './log-level-option.js';
import { registerServiceCommands } from './service-commands.js';

/** Declares `openclaw node run` (this machine as a headless node of a gateway) and its service commands. */
export function register(program: Command): void {
  const node = program.command('node').description('run this machine as a node of a gateway');
  node
    .command('run')
    .description('run the headless (or, with --desktop, the desktop) node host in the foreground (token from $OPENCLAW_GATEWAY_TOKEN)')
    .option('--host <host>', 'gateway host (default 127.0.0.1)')
    .option('--port <port>', 'gateway port (default 18789)')
    .option('--display-name <name>', 'the name operators see for this node')
    .option('--tls', 'connect with TLS (wss://)')
    .option('--tls-fingerprint <sha256>', "pin the gateway certificate's SHA-256 fingerprint (implies --tls)")
    .option(...LOG_LEVEL_OPTION)
    .option('--desktop', 'run the desktop node host: adds the canvas (a Chromium window on $DISPLAY / $WAYLAND_DISPLAY) and screen capture')
    .addHelpText('after', '\nExamples:\n  OPENCLAW_GATEWAY_TOKEN=… openclaw node run --host 127.0.0.1 --port 18789 --display-name "Build Node"\n  DISPLAY=:0 openclaw node run --desktop --display-name "Desk"')
    .action((flags) => runAction('node run', async () => (await import('../actions/node-run.js')).nodeRun(flags)));
  registerServiceCommands(
    node,
    'node',
    (install) =>
      install
        .option('--host <host>', 'gateway host (default: the one node.json saved, else 127.0.0.1)')
        .option('--port <port>', 'gateway port (default: the saved one, else 18789)')
        .option('--tls', 'connect with TLS (wss://)')
        .option('--tls-fingerprint <sha256>', "pin the gateway certificate's SHA-256 fingerprint (implies --tls)")
        .option('--display-name <name>', 'the name operators see for this node'),
    async (flags: NodeInstallFlags) => (await import('../actions/node-install.js')).nodeInstall(flags),
  );
}
