import { parse } from 'plist';
import { describe, expect, it } from 'vitest';
import { makeServiceSpec, recordingRunner } from '../../../../test/support/service-spec.js';
import { buildLaunchdPlist, launchdManager } from './launchd-manager.js';

describe('launchd agent', () => {
  it('runs the exact command with the env file loaded by node, the plain variables, restart on failure only and a log in the state dir', () => {
    const spec = makeServiceSpec();
    const plist = parse(buildLaunchdPlist(spec, '/Users/u')) as Record<string, any>;
    expect(plist).toMatchObject({
      Label: 'ai.openclaw.node',
      ProgramArguments: [spec.command[0], `--env-file=${spec.envFile}`, ...spec.command.slice(1)],
      EnvironmentVariables: { OPENCLAW_STATE_DIR: spec.stateDir },
      WorkingDirectory: '/Users/u',
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      ThrottleInterval: 10,
      StandardErrorPath: `${spec.stateDir}/openclaw-node.log`,
    });
  });

  it('lives in ~/Library/LaunchAgents and is driven through launchctl in the gui domain', async () => {
    const { run, calls } = recordingRunner((_p, args) => (args[0] === 'print' && args[1].includes('/') ? { stdout: '\tstate = running\n' } : {}));
    const manager = launchdManager({ env: { HOME: '/Users/u' }, run, uid: 501, stateDir: '/Users/u/.openclaw' });
    expect(manager.filePath('gateway')).toBe('/Users/u/Library/LaunchAgents/ai.openclaw.gateway.plist');
    await manager.enable('node');
    await manager.restart('node');
    await manager.stop('node');
    expect(await manager.state('node')).toEqual({ state: 'running', running: true });
    expect(calls).toEqual([
      ['launchctl', 'bootout', 'gui/501/ai.openclaw.node'],
      ['launchctl', 'bootstrap', 'gui/501', '/Users/u/Library/LaunchAgents/ai.openclaw.node.plist'],
      ['launchctl', 'enable', 'gui/501/ai.openclaw.node'],
      ['launchctl', 'bootstrap', 'gui/501', '/Users/u/Library/LaunchAgents/ai.openclaw.node.plist'],
      ['launchctl', 'kickstart', '-k', 'gui/501/ai.openclaw.node'],
      ['launchctl', 'bootout', 'gui/501/ai.openclaw.node'],
      ['launchctl', 'print', 'gui/501/ai.openclaw.node'],
    ]);
  });

  it('says plainly when launchctl is missing', async () => {
    const { run } = recordingRunner(() => ({ code: 127, missing: true, stderr: 'launchctl: not found' }));
    await expect(launchdManager({ run, stateDir: '/s' }).probe()).rejects.toMatchObject({ code: 'SERVICE_MANAGER_UNAVAILABLE' });
  });
});
