import type { LoadedConfig } from '@openclaw-nodes/config';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { loadCliConfig } from '../load-cli-config.js';
import { printJson } from '../format/table.js';
import { controlService, serviceStatus, uninstallService } from '../services/control-service.js';
import { installService, type InstallRequest } from '../services/install-service.js';
import { pickServiceManager } from '../services/pick-service-manager.js';
import { SERVICE_NAMES, type ServiceKind } from '../services/service-spec.js';

/** Exit code of `install` when the files were written but no service manager could start them. */
export const EXIT_INSTALLED_NOT_STARTED = 2;

export interface ServiceFlags {
  json?: boolean;
}

export interface InstallFlags extends ServiceFlags {
  force?: boolean;
  dryRun?: boolean;
  token?: string;
}

/**
 * The variables that make the service read the same state dir and config file as the
 * command that installed it: without them a service started from another directory would
 * find another config (or none) and could refuse what the foreground run accepted.
 */
export function serviceEnvironment(loaded: Pick<LoadedConfig, 'stateDir' | 'path' | 'source'>): Record<string, string> {
  const explicitConfig = loaded.path !== undefined && (loaded.source === 'env-path' || loaded.source === 'project');
  return { OPENCLAW_STATE_DIR: loaded.stateDir, ...(explicitConfig ? { OPENCLAW_CONFIG_PATH: loaded.path! } : {}) };
}

/** Runs an install request and prints what was (or would be) written and whether it started. */
export async function runInstall(request: InstallRequest, flags: InstallFlags): Promise<void> {
  const result = await installService(request);
  if (result.notStarted) process.exitCode = EXIT_INSTALLED_NOT_STARTED;
  if (flags.json) return printJson({ ok: result.notStarted === undefined, service: result });
  const title = SERVICE_NAMES[request.kind].title;
  const out: string[] = [];
  if (result.dryRun) {
    for (const file of result.files) out.push(`Would write ${file.path}:`, file.content);
    out.push(`Would write ${result.envFile} (mode 0600) with ${result.envVariables.join(', ') || 'no variables'}.`, 'Dry run: nothing was written.');
  } else {
    out.push(`${title} service installed: ${result.file}`, `Environment file (0600): ${result.envFile}${result.envVariables.length ? ` (${result.envVariables.join(', ')})` : ''}`);
    out.push(result.started ? `Started with ${result.manager}.` : '');
  }
  process.stdout.write(`${out.filter(Boolean).join('\n')}\n`);
  if (result.notStarted) {
    process.stderr.write(`${result.notStarted.message}.\nThe files are written but the service is not enabled or started (exit ${EXIT_INSTALLED_NOT_STARTED}); once a service manager runs: ${result.notStarted.hint}\n`);
  }
}

async function managerForState(): Promise<{ stateDir: string; manager: ReturnType<typeof pickServiceManager> }> {
  const { stateDir } = await loadCliConfig();
  return { stateDir, manager: pickServiceManager({ stateDir }) };
}

/** `openclaw <kind> uninstall`: stops, disables and removes the service; succeeds when there is none. */
export async function serviceUninstall(kind: ServiceKind, flags: ServiceFlags): Promise<void> {
  const { stateDir, manager } = await managerForState();
  const result = await uninstallService(kind, stateDir, manager);
  if (flags.json) return printJson({ ok: true, service: result });
  const title = SERVICE_NAMES[kind].title;
  if (result.removed.length === 0) return void process.stdout.write(`${title} service not installed; nothing to remove.\n`);
  const note = result.managerNote ? `\n(no service manager was told: ${result.managerNote})` : '';
  process.stdout.write(`${title} service uninstalled; removed ${result.removed.join(', ')}${note}\n`);
}

/** `openclaw <kind> start|stop|restart`. */
export async function serviceControl(kind: ServiceKind, operation: 'start' | 'stop' | 'restart', flags: ServiceFlags): Promise<void> {
  const { manager } = await managerForState();
  await controlService(kind, operation, manager);
  const done = { start: 'started', stop: 'stopped', restart: 'restarted' }[operation];
  if (flags.json) return printJson({ ok: true, service: { kind, manager: manager.name, operation } });
  process.stdout.write(`${SERVICE_NAMES[kind].title} service ${done}.\n`);
}

/**
 * `openclaw <kind> status`: the service file, its command, the manager's state and the last
 * log lines. Fails (after printing what it knows) when no service manager can be asked.
 */
export async function serviceStatusAction(kind: ServiceKind, flags: ServiceFlags): Promise<void> {
  const { stateDir, manager } = await managerForState();
  const status = await serviceStatus(kind, stateDir, manager);
  // A failure in JSON has the shape every other command uses: `ok: false` and the `error`.
  if (flags.json) printJson({ ok: status.error === undefined, ...(status.error ? { error: status.error } : {}), service: status });
  else {
    const title = SERVICE_NAMES[kind].title;
    const state = !status.installed ? 'not installed' : status.error ? 'manager unavailable' : status.runtime?.state ?? 'unknown';
    const lines = [`Service: ${title} (${manager.name}: ${state})`, `Service file: ${status.file}${status.installed ? '' : ' (absent)'}`];
    if (status.command) lines.push(`Command: ${status.command}`);
    if (status.envFile) lines.push(`Environment file: ${status.envFile}`);
    if (!status.installed) lines.push(`Install with: openclaw ${kind} install`);
    if (status.logs.length) lines.push('Last log lines:', ...status.logs.map((line) => `  ${line}`));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (status.error) {
    if (flags.json) process.exitCode = 1;
    else throw new OpenClawError(status.error.code, status.error.message);
  }
}
