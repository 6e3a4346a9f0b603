import { homedir } from 'node:os';
import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { mustRun, runManagerCommand, type CommandRunner } from './run-manager-command.js';
import type { ServiceManager, ServiceState } from './service-manager.js';
import { SERVICE_NAMES, type ServiceKind } from './service-spec.js';
import { buildSystemdUnit } from './systemd-unit.js';
import { parseExecStart, shellCommand } from './shell-command.js';

/**
 * systemd user units (`~/.config/systemd/user/openclaw-{node,gateway}.service`) driven by
 * `systemctl --user`, logs from `journalctl --user -u`.
 *
 * @example
 * const manager = systemdManager({ env: process.env });
 * await manager.probe(); // throws SERVICE_MANAGER_UNAVAILABLE in a container without systemd
 */
export function systemdManager(options: { env?: NodeJS.ProcessEnv; run?: CommandRunner } = {}): ServiceManager {
  const env = options.env ?? process.env;
  const run = options.run ?? runManagerCommand;
  const unitDir = join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'systemd', 'user');
  const unit = (kind: ServiceKind) => SERVICE_NAMES[kind].systemd;
  const systemctl = (...args: string[]) => mustRun(run, 'systemctl', ['--user', ...args]);
  return {
    name: 'systemd',
    filePath: (kind) => join(unitDir, unit(kind)),
    render: (spec) => [{ path: join(unitDir, unit(spec.kind)), content: buildSystemdUnit(spec) }],
    async probe() {
      // `show-environment` answers only when a user manager runs and its bus is reachable.
      const result = await run('systemctl', ['--user', 'show-environment']);
      if (result.code === 0) return;
      const why = result.missing ? 'systemctl is not installed' : (result.stderr.trim().split('\n')[0] ?? '') || `systemctl exited ${result.code}`;
      throw new OpenClawError(
        'SERVICE_MANAGER_UNAVAILABLE',
        `no systemd user service manager is running here (${why}); in a container, run the command in the foreground under the container's own supervisor instead`,
      );
    },
    async enable(kind) {
      await systemctl('daemon-reload');
      await systemctl('enable', unit(kind));
      // restart, not start: a reinstall must run the new command line at once.
      await systemctl('restart', unit(kind));
    },
    disable: async (kind) => void (await systemctl('disable', '--now', unit(kind))),
    reload: async () => void (await systemctl('daemon-reload')),
    readCommand(content) {
      const exec = /^ExecStart=(.*)$/m.exec(Buffer.from(content).toString('utf8'))?.[1];
      // The command a person would type, not the unit's quoting (`%%`, `$$`, `\"`).
      return exec === undefined ? undefined : shellCommand(parseExecStart(exec));
    },
    start: async (kind) => void (await systemctl('start', unit(kind))),
    stop: async (kind) => void (await systemctl('stop', unit(kind))),
    restart: async (kind) => void (await systemctl('restart', unit(kind))),
    async state(kind): Promise<ServiceState> {
      const out = await systemctl('show', unit(kind), '--property=LoadState,ActiveState,SubState', '--no-pager');
      const props = Object.fromEntries(out.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
      if (props.LoadState === 'not-found') return { state: 'not loaded', running: false };
      return { state: `${props.ActiveState ?? 'unknown'} (${props.SubState ?? 'unknown'})`, running: props.ActiveState === 'active' };
    },
    async logs(kind, lines) {
      const result = await run('journalctl', ['--user', '-u', unit(kind), '-n', String(lines), '--no-pager', '-o', 'short-iso']);
      return result.code === 0 ? result.stdout.split('\n').filter((line) => line && !line.startsWith('-- ')).slice(-lines) : [];
    },
    enableHint: (kind) => `systemctl --user daemon-reload && systemctl --user enable --now ${unit(kind)}`,
  };
}
