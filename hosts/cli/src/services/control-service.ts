import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { OpenClawError, type ErrorCode } from '@openclaw-nodes/core/errors';
import type { ServiceManager, ServiceState } from './service-manager.js';
import { SERVICE_NAMES, envFileName, type ServiceKind } from './service-spec.js';

/** How many log lines `status` shows. */
export const STATUS_LOG_LINES = 15;

export interface UninstallResult {
  kind: ServiceKind;
  /** Files that were there and are gone; empty when nothing was installed. */
  removed: string[];
  /** Why the manager was not told (none runs here); the files are removed all the same. */
  managerNote?: string;
}

/** Every file a service of `kind` may have left: the service file, the env file, logs. */
function serviceFiles(kind: ServiceKind, stateDir: string, manager: ServiceManager): string[] {
  return [manager.filePath(kind), join(stateDir, envFileName(kind)), ...(manager.extraFiles?.(kind, stateDir) ?? [])];
}

/**
 * Stops and disables the service when a manager runs, then removes every file it had.
 * Idempotent: uninstalling what is not installed removes nothing and succeeds.
 */
export async function uninstallService(kind: ServiceKind, stateDir: string, manager: ServiceManager): Promise<UninstallResult> {
  const present = serviceFiles(kind, stateDir, manager).filter((path) => existsSync(path));
  if (present.length === 0) return { kind, removed: [] };
  let managerNote: string | undefined;
  const reachable = await manager.probe().then(
    () => true,
    (err: unknown) => {
      managerNote = OpenClawError.from(err).message;
      return false;
    },
  );
  if (reachable && existsSync(manager.filePath(kind))) await manager.disable(kind);
  for (const path of present) await rm(path, { force: true });
  if (reachable) await manager.reload?.();
  return { kind, removed: present, ...(managerNote ? { managerNote } : {}) };
}

/** Throws SERVICE_NOT_INSTALLED unless the service file of `kind` exists. */
export function requireInstalled(kind: ServiceKind, manager: ServiceManager): void {
  if (existsSync(manager.filePath(kind))) return;
  throw new OpenClawError('SERVICE_NOT_INSTALLED', `${SERVICE_NAMES[kind].title} service not installed (no ${manager.filePath(kind)}). Install it with: openclaw ${kind} install`);
}

/** `start`, `stop` or `restart` through the manager, after checking it is installed and reachable. */
export async function controlService(kind: ServiceKind, operation: 'start' | 'stop' | 'restart', manager: ServiceManager): Promise<void> {
  requireInstalled(kind, manager);
  await manager.probe();
  await manager[operation](kind);
}

export interface ServiceStatus {
  kind: ServiceKind;
  manager: string;
  installed: boolean;
  file: string;
  envFile?: string;
  command?: string;
  /** The manager's view; absent when not installed or no manager answers (see `error`). */
  runtime?: ServiceState;
  logs: string[];
  /** Why the manager could not be asked. */
  error?: { code: ErrorCode; message: string };
}

/**
 * What is known about the service: its files and command (always), the manager's state and
 * the last log lines (when a manager answers, else `error`).
 */
export async function serviceStatus(kind: ServiceKind, stateDir: string, manager: ServiceManager, options: { logs?: boolean } = {}): Promise<ServiceStatus> {
  const file = manager.filePath(kind);
  const content = await readFile(file).catch(() => undefined);
  if (content === undefined) return { kind, manager: manager.name, installed: false, file, logs: [] };
  const status: ServiceStatus = { kind, manager: manager.name, installed: true, file, envFile: join(stateDir, envFileName(kind)), command: manager.readCommand(content), logs: [] };
  try {
    await manager.probe();
    return { ...status, runtime: await manager.state(kind), logs: options.logs === false ? [] : await manager.logs(kind, STATUS_LOG_LINES) };
  } catch (err) {
    const error = OpenClawError.from(err);
    return { ...status, error: { code: error.code as ErrorCode, message: error.message } };
  }
}
