import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { build, parse } from 'plist';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { mustRun, runManagerCommand, type CommandRunner } from './run-manager-command.js';
import type { ServiceManager } from './service-manager.js';
import { SERVICE_NAMES, type ServiceKind, type ServiceSpec } from './service-spec.js';
import { shellCommand } from './shell-command.js';

// launchd waits at least this long between two starts of a job that keeps exiting.
const THROTTLE_INTERVAL_SEC = 10;
// Bounds what `status` reads of a log that may have grown for months.
const LOG_TAIL_BYTES = 64 * 1024;

/** The log launchd appends the program's stdout and stderr to, in its state dir. */
export const launchdLogFile = (kind: ServiceKind, stateDir: string): string => join(stateDir, `openclaw-${kind}.log`);

/**
 * The LaunchAgent plist for `spec`. launchd has no environment-file setting, so node itself
 * loads the secrets (`node --env-file=<file>`): the token never appears in the plist.
 * `KeepAlive.SuccessfulExit=false` restarts the program only when it failed,
 * `ThrottleInterval` spaces the restarts.
 *
 * @example
 * buildLaunchdPlist(spec, '/Users/u'); // '<?xml version="1.0" ...<key>Label</key><string>ai.openclaw.node</string>...'
 */
export function buildLaunchdPlist(spec: ServiceSpec, home: string): string {
  const [program, ...args] = spec.command;
  const log = launchdLogFile(spec.kind, spec.stateDir);
  return build({
    Label: SERVICE_NAMES[spec.kind].launchd,
    ProgramArguments: [program, `--env-file=${spec.envFile}`, ...args],
    EnvironmentVariables: spec.environment,
    WorkingDirectory: home,
    RunAtLoad: true,
    KeepAlive: { SuccessfulExit: false },
    ThrottleInterval: THROTTLE_INTERVAL_SEC,
    ProcessType: 'Background',
    StandardOutPath: log,
    StandardErrorPath: log,
  });
}

/**
 * LaunchAgents in `~/Library/LaunchAgents/ai.openclaw.{node,gateway}.plist`, driven by
 * `launchctl` in the user's GUI domain.
 */
export function launchdManager(options: { env?: NodeJS.ProcessEnv; run?: CommandRunner; uid?: number; stateDir: string }): ServiceManager {
  const env = options.env ?? process.env;
  const run = options.run ?? runManagerCommand;
  const home = env.HOME || homedir();
  const domain = `gui/${options.uid ?? process.getuid?.() ?? 0}`;
  const target = (kind: ServiceKind) => `${domain}/${SERVICE_NAMES[kind].launchd}`;
  const filePath = (kind: ServiceKind) => join(home, 'Library', 'LaunchAgents', `${SERVICE_NAMES[kind].launchd}.plist`);
  const launchctl = (...args: string[]) => mustRun(run, 'launchctl', args);
  // Loading a job that is loaded already fails; both ways end with the job loaded.
  const load = async (kind: ServiceKind) => void (await run('launchctl', ['bootstrap', domain, filePath(kind)]));
  return {
    name: 'launchd',
    filePath,
    render: (spec) => [{ path: filePath(spec.kind), content: buildLaunchdPlist(spec, home) }],
    readCommand(content) {
      try {
        const args = (parse(Buffer.from(content).toString('utf8')) as { ProgramArguments?: unknown }).ProgramArguments;
        return Array.isArray(args) ? shellCommand(args.map(String)) : undefined;
      } catch {
        return undefined;
      }
    },
    extraFiles: (kind, stateDir) => [launchdLogFile(kind, stateDir)],
    async probe() {
      const result = await run('launchctl', ['print', domain]);
      if (result.code !== 0) throw new OpenClawError('SERVICE_MANAGER_UNAVAILABLE', `launchd cannot be reached for ${domain} (${result.stderr.trim() || `exit ${result.code}`})`);
    },
    async enable(kind) {
      await run('launchctl', ['bootout', target(kind)]);
      await launchctl('bootstrap', domain, filePath(kind));
      await launchctl('enable', target(kind));
    },
    disable: async (kind) => void (await run('launchctl', ['bootout', target(kind)])),
    async start(kind) {
      await load(kind);
      await launchctl('kickstart', target(kind));
    },
    // Unloading, not a signal: KeepAlive would bring a killed job back.
    stop: async (kind) => void (await launchctl('bootout', target(kind))),
    async restart(kind) {
      await load(kind);
      await launchctl('kickstart', '-k', target(kind));
    },
    async state(kind) {
      const result = await run('launchctl', ['print', target(kind)]);
      if (result.code !== 0) return { state: 'not loaded', running: false };
      const state = /^\s*state = (.+)$/m.exec(result.stdout)?.[1]?.trim() ?? 'loaded';
      return { state, running: state === 'running' };
    },
    async logs(kind, lines) {
      const text = await readFile(launchdLogFile(kind, options.stateDir)).then((b) => b.subarray(-LOG_TAIL_BYTES).toString('utf8'), () => '');
      return text.split('\n').filter(Boolean).slice(-lines);
    },
    enableHint: (kind) => `launchctl bootstrap ${domain} ${filePath(kind)}`,
  };
}
