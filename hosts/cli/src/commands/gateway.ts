import type { Command } from 'commander';
import type { GatewayInstallFlags } from '../actions/gateway-install.js';
import { runAction } from '../run-action.js';
import { LOG_LEVEL_OPTION } from './log-level-option.js';
import { registerServiceCommands } from './service-commands.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Declares `openclaw gateway run` and its service commands. */
export function register(program: Command): void {
  const gateway = program.command('gateway').description('run the gateway (WebSocket + HTTP on one port)');
  gateway
    .command('run')
    .description('run the gateway in the foreground')
    .option('--port <port>', 'port to listen on (default gateway.port, 18789)')
    .option('--bind <mode>', 'loopback (default), lan or custom')
    .option('--host <address>', 'address to listen on with --bind custom')
    .option('--token <token>', 'shared token clients must present (default gateway.auth.token)')
    .option('--allow-command <command>', 'allow a dangerous node command such as camera.snap (repeatable)', collect)
    .option('--tls', 'serve wss:// and https:// with gateway.tls.certPath/keyPath, else a self-signed certificate kept in the state dir (default gateway.tls.enabled)')
    .option(...LOG_LEVEL_OPTION)
    .addHelpText('after', '\nExamples:\n  openclaw gateway run --port 18789 --bind loopback\n  openclaw gateway run --bind lan --tls   # prints the certificate fingerprint nodes pin')
    .action((flags) => runAction('gateway run', async () => (await import('../actions/gateway-run.js')).gatewayRun(flags)));
  registerServiceCommands(
    gateway,
    'gateway',
    (install) =>
      install
        .option('--port <port>', 'port to listen on (default gateway.port, 18789)')
        .option('--bind <mode>', 'loopback (default), lan or custom')
        .option('--host <address>', 'address to listen on with --bind custom')
        .option('--allow-command <command>', 'allow a dangerous node command such as camera.snap (repeatable)', collect)
        .option('--tls', 'the service serves wss:// and https:// (as gateway run --tls)'),
    async (flags: GatewayInstallFlags) => (await import('../actions/gateway-install.js')).gatewayInstall(flags),
  );
}
