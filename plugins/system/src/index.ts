/**
 * @module
 * The `system` capability plugin for node hosts: `system.run` under the node's exec
 * approvals, `system.run.prepare`, `system.which`, and `system.execApprovals.get|set`.
 */
import { createRequire } from 'node:module';
import { CONFIG, HOST_ENV, STATE_DIR } from '@openclaw-nodes/core';
import { instanceCachingFactory, type DependencyContainer } from '@openclaw-nodes/core/di';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { parentDeathLauncher, type ExecConfigView } from '@openclaw-nodes/core/exec';
import { definePlugin } from '@openclaw-nodes/core/plugin';
import { ApprovalsStore } from './approvals-store.js';
import { systemCommands, type WhichParams, type WhichResult } from './commands.js';
import { getApprovals, setApprovals } from './exec-approvals-commands.js';
import { ExecHost } from './exec-host.js';
import { ReapGuardian } from './reap-guardian.js';
import { prepareRun } from './run-prepare.js';
import { RunningGroups } from './running-groups.js';
import { SystemRun } from './system-run.js';
import { SystemService } from './system-service.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/**
 * The exec side needs the host's state dir (for `exec-approvals.json`); `CONFIG` (this
 * machine's `openclaw.json`, or a function returning the current one) and `HOST_ENV` are
 * optional. Resolved on first use, so a host without a state dir still serves `system.which`.
 */
function createExecHost(c: DependencyContainer): ExecHost {
  if (!c.isRegistered(STATE_DIR, true)) {
    throw new OpenClawError('UNAVAILABLE', 'UNAVAILABLE: this host has no state dir, so it has no exec approvals and runs no commands');
  }
  const stateDir = c.resolve<string>(STATE_DIR);
  const config = c.isRegistered(CONFIG, true) ? c.resolve<ExecConfigView | (() => ExecConfigView)>(CONFIG) : undefined;
  const hostEnv = c.isRegistered(HOST_ENV, true) ? c.resolve<{ env?: Record<string, string | undefined> }>(HOST_ENV) : undefined;
  return new ExecHost({
    store: new ApprovalsStore(stateDir),
    launcher: parentDeathLauncher(),
    running: c.resolve(RunningGroups),
    config: typeof config === 'function' ? config : () => config,
    env: hostEnv?.env ?? { ...process.env },
    cwd: process.cwd(),
  });
}

/**
 * The plugin object a host loads.
 *
 * @example
 * host.load([systemPlugin]);
 * await host.start();
 * await host.invoke('system.run', { command: ['/bin/sh', '-lc', 'uname -a'] }, ctx);
 */
export const systemPlugin = definePlugin({
  name: 'system',
  version,
  host: '^0.1.0',
  caps: ['system'],
  commands: systemCommands,
  node: {
    register(container) {
      container.registerSingleton(SystemService);
      container.register(ReapGuardian, { useFactory: instanceCachingFactory(() => new ReapGuardian()) });
      container.register(RunningGroups, { useFactory: instanceCachingFactory((c) => new RunningGroups(c.resolve<string>(STATE_DIR))) });
      container.register(ExecHost, { useFactory: instanceCachingFactory(createExecHost) });
      container.register(SystemRun, { useFactory: instanceCachingFactory((c) => new SystemRun(c.resolve(ExecHost))) });
    },
    // A host killed with SIGKILL could not stop its commands: stop what an earlier run left
    // behind, and leave a guardian that does the same the moment this run dies.
    async start(container) {
      if (!container.isRegistered(STATE_DIR, true)) return;
      await container.resolve(RunningGroups).reapLeftovers();
      container.resolve(ReapGuardian).start(container.resolve<string>(STATE_DIR));
    },
    async stop(container) {
      container.resolve(ReapGuardian).stop();
      container.resolve(SystemService).close();
      // Both records are written behind the commands: let the last writes land before the
      // host (or whoever removes its state dir) moves on.
      if (!container.isRegistered(STATE_DIR, true)) return;
      await container.resolve(RunningGroups).close();
      await container.resolve(SystemRun).usage.idle();
    },
    handlers(container) {
      const system = container.resolve(SystemService);
      const exec = () => container.resolve(ExecHost);
      return {
        'system.which': async ({ bins }: WhichParams): Promise<WhichResult> => ({ bins: await system.which(bins) }),
        'system.run': (params, ctx) => container.resolve(SystemRun).run(params, ctx),
        'system.run.prepare': (params) => prepareRun(exec(), params),
        'system.execApprovals.get': (params) => getApprovals(exec().store, params),
        'system.execApprovals.set': (params) => setApprovals(exec().store, params),
      };
    },
  },
});

export default systemPlugin;
export { systemCommands, whichCommand, whichParams, whichResult, runCommand, prepareCommand, approvalsGetCommand, approvalsSetCommand, MAX_BINS, MAX_BIN_NAME, type WhichParams, type WhichResult } from './commands.js';
export { runParams, runResult, type RunParams, type RunResult } from './run-schemas.js';
export { ApprovalsStore, APPROVALS_FILE_NAME, redactSnapshot } from './approvals-store.js';
export { runProcess, OUTPUT_CAP_BYTES, type RunProcessOptions, type ProcessResult } from './process-runner.js';
export { SystemService, DEFAULT_PATH } from './system-service.js';
