import type { Command } from 'commander';
import { runAction } from '../run-action.js';
import type { ServiceKind } from '../services/service-spec.js';

const MANAGERS = 'systemd user unit on Linux, launchd agent on macOS, Task Scheduler task on Windows';

/**
 * Adds `install` (its options declared by `installOptions`, its action `install`) and
 * `uninstall|start|stop|restart|status`, all with `--json`, to the `node` or `gateway` group.
 */
export function registerServiceCommands<F extends { json?: boolean }>(group: Command, kind: ServiceKind, installOptions: (install: Command) => Command, install: (flags: F) => Promise<void>): void {
  const run = `openclaw ${kind} run`;
  installOptions(
    group
      .command('install')
      .description(`install \`${run}\` as a user service (${MANAGERS}) and start it`)
      .option('--token <token>', 'gateway token for the service (default $OPENCLAW_GATEWAY_TOKEN, then the config); kept in a 0600 env file, never in the service file'),
  )
    .option('--force', 'reinstall over an installed service')
    .option('--dry-run', 'print the service file that would be written, and where; write nothing')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      `\nThe service runs this openclaw with the same state dir and config file. Exit code 2: the files were written but no service manager could start them (containers).\n\nExamples:\n  openclaw ${kind} install${kind === 'node' ? ' --host gateway.lan --port 18789 --display-name "Build Node"' : ' --port 18789 --bind loopback'}\n  openclaw ${kind} install --dry-run`,
    )
    .action((flags: F) => runAction(`${kind} install`, () => install(flags), { json: flags.json }));
  group
    .command('uninstall')
    .description(`stop and remove the ${kind} service and its files (nothing to do is not an error)`)
    .option('--json', 'print JSON')
    .action((flags) => runAction(`${kind} uninstall`, async () => (await import('../actions/service-actions.js')).serviceUninstall(kind, flags), { json: flags.json }));
  for (const operation of ['start', 'stop', 'restart'] as const) {
    group
      .command(operation)
      .description(`${operation} the installed ${kind} service`)
      .option('--json', 'print JSON')
      .action((flags) => runAction(`${kind} ${operation}`, async () => (await import('../actions/service-actions.js')).serviceControl(kind, operation, flags), { json: flags.json }));
  }
  group
    .command('status')
    .description(`the ${kind} service: manager state, command, service file and last log lines`)
    .option('--json', 'print JSON')
    .action((flags) => runAction(`${kind} status`, async () => (await import('../actions/service-actions.js')).serviceStatusAction(kind, flags), { json: flags.json }));
}
