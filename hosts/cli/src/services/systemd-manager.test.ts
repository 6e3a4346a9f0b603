import { describe, expect, it } from 'vitest';
import { recordingRunner } from '../../../../test/support/service-spec.js';
import { systemdManager } from './systemd-manager.js';

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
});
