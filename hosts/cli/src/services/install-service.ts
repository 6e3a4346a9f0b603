import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { writeFileAtomic } from '@openclaw-nodes/core/store';
import { buildEnvFile } from './env-file.js';
import { hostEnvironment, openclawCommand } from './openclaw-command.js';
import { pickServiceManager } from './pick-service-manager.js';
import { SERVICE_NAMES, envFileName, type ServiceKind, type ServiceSpec } from './service-spec.js';
import type { ServiceFile, ServiceManager } from './service-manager.js';

export interface InstallRequest {
  kind: ServiceKind;
  /** Arguments after `openclaw`, e.g. `['node', 'run', '--host', 'gw', '--port', '18789']`. */
  args: string[];
  /** Plain variables the program needs (the state dir, an explicit config file). */
  environment: Record<string, string>;
  /** Credentials, written only to the 0600 env file. */
  secrets: Record<string, string>;
  stateDir: string;
  force?: boolean;
  dryRun?: boolean;
}

export interface InstallResult {
  kind: ServiceKind;
  manager: string;
  file: string;
  envFile: string;
  /** Names only: the values stay in the env file. */
  envVariables: string[];
  command: string[];
  /** The files as they were (or, on a dry run, would be) written; the env file's content is never shown. */
  files: Array<{ path: string; content: string }>;
  dryRun: boolean;
  /** Whether the manager loaded and started the service. */
  started: boolean;
  /** Why it was not started (no service manager here), with the command to do it later. */
  notStarted?: { code: string; message: string; hint: string };
}

const UNIT_FILE_MODE = 0o644;

/**
 * Writes a service for `openclaw <args>` (env file 0600 first, then the service file) and has
 * the manager enable and start it. A dry run builds the same files and writes nothing. When no
 * service manager runs, the files are still written and `notStarted` says so.
 *
 * @throws OpenClawError SERVICE_ALREADY_INSTALLED without `force`; CLI_USAGE for a value no
 * service file can hold; SERVICE_COMMAND_FAILED when the manager refuses.
 */
export async function installService(request: InstallRequest, manager: ServiceManager = pickServiceManager({ stateDir: request.stateDir })): Promise<InstallResult> {
  const { kind } = request;
  const spec: ServiceSpec = { kind, command: openclawCommand(kind, request.args), environment: { ...hostEnvironment(), ...request.environment }, envFile: join(request.stateDir, envFileName(kind)), stateDir: request.stateDir };
  const envVariables = { ...(manager.plainEnvInEnvFile ? spec.environment : {}), ...request.secrets };
  const envContent = buildEnvFile(envVariables);
  const files = manager.render(spec);
  const result: InstallResult = {
    kind,
    manager: manager.name,
    file: files[0].path,
    envFile: spec.envFile,
    envVariables: Object.keys(envVariables),
    command: spec.command,
    files: files.map(readable),
    dryRun: request.dryRun === true,
    started: false,
  };
  if (request.dryRun) return result;
  if (existsSync(result.file) && !request.force) {
    const title = SERVICE_NAMES[kind].title;
    throw new OpenClawError('SERVICE_ALREADY_INSTALLED', `${title} service already installed (${result.file}).\nReinstall with: openclaw ${kind} install --force`, { details: { path: result.file } });
  }
  // The secrets exist before any service file names them.
  await writeFileAtomic(spec.envFile, envContent);
  for (const file of files) await writeFileAtomic(file.path, file.content, { mode: UNIT_FILE_MODE });
  try {
    await manager.probe();
  } catch (err) {
    const error = OpenClawError.from(err);
    if (error.code !== 'SERVICE_MANAGER_UNAVAILABLE') throw error;
    return { ...result, notStarted: { code: error.code, message: error.message, hint: manager.enableHint(kind) } };
  }
  await manager.enable(kind);
  return { ...result, started: true };
}

/** A service file as text for people (the task XML is UTF-16). */
function readable(file: ServiceFile): { path: string; content: string } {
  if (typeof file.content === 'string') return { path: file.path, content: file.content };
  return { path: file.path, content: Buffer.from(file.content).toString('utf16le').replace(/^\ufeff/, '') };
}
