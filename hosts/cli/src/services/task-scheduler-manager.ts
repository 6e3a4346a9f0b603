import { join } from 'node:path';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { mustRun, runManagerCommand, type CommandRunner } from './run-manager-command.js';
import type { ServiceManager } from './service-manager.js';
import { SERVICE_NAMES, type ServiceKind, type ServiceSpec } from './service-spec.js';

const TASK_NAMESPACE = 'http://schemas.microsoft.com/windows/2004/02/mit/task';

/**
 * One argument as `CommandLineToArgvW` (and node.exe) reads it back: bare when it has no
 * space, tab or quote, else quoted, with backslashes before a quote or the closing quote doubled.
 *
 * @example
 * windowsArgument('C:\\Program Files\\node.exe'); // '"C:\\Program Files\\node.exe"'
 */
export function windowsArgument(value: string): string {
  if (value !== '' && !/[\s"]/.test(value)) return value;
  return `"${value.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

/**
 * The Task Scheduler task for `spec` (schema 1.2), as UTF-16 with a byte order mark, the
 * encoding `schtasks /Create /XML` expects. It starts at logon, runs one instance, never
 * times out, and is restarted every minute at most 5 times after a failure. Task Scheduler
 * has no environment settings: node loads every variable from the 0600 env file
 * (`node --env-file=<file>`), so the token never appears in the task.
 */
export function buildTaskXml(spec: ServiceSpec, user?: string): Uint8Array {
  const [program, ...args] = spec.command;
  const task = {
    Task: {
      '@_version': '1.2',
      '@_xmlns': TASK_NAMESPACE,
      RegistrationInfo: { Description: SERVICE_NAMES[spec.kind].description },
      Triggers: { LogonTrigger: { Enabled: true, ...(user ? { UserId: user } : {}) } },
      Principals: { Principal: { '@_id': 'Author', LogonType: 'InteractiveToken', RunLevel: 'LeastPrivilege' } },
      Settings: {
        MultipleInstancesPolicy: 'IgnoreNew',
        DisallowStartIfOnBatteries: false,
        StopIfGoingOnBatteries: false,
        ExecutionTimeLimit: 'PT0S',
        RestartOnFailure: { Interval: 'PT1M', Count: 5 },
        StartWhenAvailable: true,
        Enabled: true,
      },
      Actions: { '@_Context': 'Author', Exec: { Command: program, Arguments: [`--env-file=${spec.envFile}`, ...args].map(windowsArgument).join(' '), WorkingDirectory: spec.stateDir } },
    },
  };
  const xml = `<?xml version="1.0" encoding="UTF-16"?>\n${new XMLBuilder({ ignoreAttributes: false, format: true }).build(task)}`;
  return Buffer.from(`\ufeff${xml}`, 'utf16le');
}

/** Task Scheduler tasks (`OpenClaw Node`, `OpenClaw Gateway`) driven by `schtasks`; the task XML is kept in the state dir. */
export function taskSchedulerManager(options: { env?: NodeJS.ProcessEnv; run?: CommandRunner; stateDir: string }): ServiceManager {
  const env = options.env ?? process.env;
  const run = options.run ?? runManagerCommand;
  const name = (kind: ServiceKind) => SERVICE_NAMES[kind].task;
  const filePath = (kind: ServiceKind) => join(options.stateDir, `openclaw-${kind}.task.xml`);
  const schtasks = (...args: string[]) => mustRun(run, 'schtasks', args);
  const user = env.USERNAME ? (env.USERDOMAIN ? `${env.USERDOMAIN}\\${env.USERNAME}` : env.USERNAME) : undefined;
  return {
    name: 'schtasks',
    plainEnvInEnvFile: true,
    filePath,
    render: (spec) => [{ path: filePath(spec.kind), content: buildTaskXml(spec, user) }],
    readCommand(content) {
      try {
        const text = Buffer.from(content).toString('utf16le').replace(/^\ufeff/, '');
        const exec = new XMLParser({ parseTagValue: false }).parse(text)?.Task?.Actions?.Exec;
        return exec?.Command === undefined ? undefined : `${windowsArgument(String(exec.Command))} ${exec.Arguments ?? ''}`.trim();
      } catch {
        return undefined;
      }
    },
    async probe() {
      const result = await run('schtasks', ['/Query', '/FO', 'CSV', '/NH']);
      if (result.code !== 0) throw new OpenClawError('SERVICE_MANAGER_UNAVAILABLE', `Task Scheduler cannot be reached (${result.stderr.trim() || `exit ${result.code}`})`);
    },
    async enable(kind) {
      await schtasks('/Create', '/TN', name(kind), '/XML', filePath(kind), '/F');
      await run('schtasks', ['/End', '/TN', name(kind)]);
      await schtasks('/Run', '/TN', name(kind));
    },
    async disable(kind) {
      await run('schtasks', ['/End', '/TN', name(kind)]);
      await run('schtasks', ['/Delete', '/TN', name(kind), '/F']);
    },
    start: async (kind) => void (await schtasks('/Run', '/TN', name(kind))),
    stop: async (kind) => void (await schtasks('/End', '/TN', name(kind))),
    async restart(kind) {
      await run('schtasks', ['/End', '/TN', name(kind)]);
      await schtasks('/Run', '/TN', name(kind));
    },
    async state(kind) {
      const result = await run('schtasks', ['/Query', '/TN', name(kind), '/FO', 'CSV', '/NH']);
      if (result.code !== 0) return { state: 'not registered', running: false };
      // "TaskName","Next Run Time","Status"
      const state = /"([^"]*)"\s*$/m.exec(result.stdout.trim())?.[1] || 'unknown';
      return { state, running: state === 'Running' };
    },
    // Task Scheduler keeps no output of the program.
    logs: async () => [],
    enableHint: (kind) => `schtasks /Create /TN "${name(kind)}" /XML "${filePath(kind)}" /F`,
  };
}
