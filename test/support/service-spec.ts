import type { ServiceSpec } from '../../hosts/cli/src/services/service-spec.js';
import type { CommandResult } from '../../hosts/cli/src/services/run-manager-command.js';

/** A node service spec with awkward values (spaces, quotes, %, $), overridable. */
export function makeServiceSpec(overrides: Partial<ServiceSpec> = {}): ServiceSpec {
  return {
    kind: 'node',
    command: ['/usr/bin/node', '/opt/open claw/bin/openclaw.js', 'node', 'run', '--host', 'gw.lan', '--port', '18789', '--display-name', 'Build 100% "$HOME" Node\\'],
    environment: { OPENCLAW_STATE_DIR: '/home/u/state dir/.openclaw' },
    envFile: '/home/u/state dir/.openclaw/openclaw-node.env',
    stateDir: '/home/u/state dir/.openclaw',
    ...overrides,
  };
}

/** A service manager command runner that records every call and answers from `answer`. */
export function recordingRunner(answer: (program: string, args: string[]) => Partial<CommandResult> = () => ({})) {
  const calls: string[][] = [];
  const run = async (program: string, args: string[]): Promise<CommandResult> => {
    calls.push([program, ...args]);
    return { code: 0, stdout: '', stderr: '', ...answer(program, args) };
  };
  return { run, calls };
}
