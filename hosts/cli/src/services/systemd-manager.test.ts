import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { recordingRunner } from '../../../../test/support/service-spec.js';
import { systemdManager } from './systemd-manager.js';
import { buildSystemdUnit } from './systemd-unit.js';

describe('systemd user units', () => {
  it('go to $XDG_CONFIG_HOME/systemd/user, else ~/.config/systemd/user', () => {
    expect(systemdManager({ env: { XDG_CONFIG_HOME: '/x', HOME: '/h' } }).filePath('node')).toBe('/x/systemd/user/openclaw-node.service');
    expect(systemdManager({ env: { HOME: '/h' } }).filePath('gateway')).toBe('/h/.config/systemd/user/openclaw-gateway.service');
  });

  it('are reloaded, enabled and (re)started on install, and read back as manager state', async () => {
    const { run, calls } = recordingRunner((_p, args) => (args[1] === 'show' ? { stdout: 'LoadState=loaded\nActiveState=failed\nSubState=failed\n' } : {}));
    const manager = systemdManager({ env: { HOME: '/h' }, run });
    await manager.enable('node');
    expect(await manager.state('node')).toEqual({ state: 'failed (failed)', running: false });
    expect(calls.slice(0, 3)).toEqual([
      ['systemctl', '--user', 'daemon-reload'],
      ['systemctl', '--user', 'enable', 'openclaw-node.service'],
      ['systemctl', '--user', 'restart', 'openclaw-node.service'],
    ]);
  });

  it('report a user manager that cannot be reached as SERVICE_MANAGER_UNAVAILABLE, and a refusal as SERVICE_COMMAND_FAILED with its output', async () => {
    const down = recordingRunner(() => ({ code: 1, stderr: 'Failed to connect to bus: No medium found\n' }));
    await expect(systemdManager({ run: down.run }).probe()).rejects.toMatchObject({ code: 'SERVICE_MANAGER_UNAVAILABLE', message: expect.stringContaining('Failed to connect to bus') });
    const refusing = recordingRunner(() => ({ code: 5, stderr: 'Unit openclaw-node.service not found.' }));
    await expect(systemdManager({ run: refusing.run }).start('node')).rejects.toMatchObject({ code: 'SERVICE_COMMAND_FAILED', message: expect.stringContaining('Unit openclaw-node.service not found.') });
  });

  it('read back the command of a unit as a person would type it: a shell given it runs exactly the unit\'s argv', () => {
    const command = ['/usr/bin/node', '/opt/open claw/openclaw.js', 'node', 'run', '--display-name', `Bob's "Mac" 100% $HOME \\ -x`, '--port', '18789'];
    const unit = buildSystemdUnit({ kind: 'node', command, environment: {}, envFile: '/h/.openclaw/openclaw-node.env', stateDir: '/h/.openclaw' });
    const typed = systemdManager({ env: { HOME: '/h' } }).readCommand(Buffer.from(unit))!;
    expect(typed).not.toMatch(/%%|\$\$|\\"/);
    expect(typed.startsWith('/usr/bin/node ')).toBe(true);
    const ran = execFileSync('sh', ['-c', `printf '%s\\0' ${typed.split(' ').slice(1).join(' ')}`], { encoding: 'utf8' });
    expect(ran.split('\0').slice(0, -1)).toEqual(command.slice(1));
  });
});

