import type { ServiceKind, ServiceSpec } from './service-spec.js';

/** A file a service manager reads: where it goes and what it holds. */
export interface ServiceFile {
  path: string;
  content: string | Uint8Array;
}

/** What the manager says about a service right now. */
export interface ServiceState {
  /** Short manager state: `active (running)`, `inactive (dead)`, `failed`, `not loaded`, ... */
  state: string;
  /** Whether the manager reports the program as running. */
  running: boolean;
}

/**
 * One OS service manager (systemd user units, launchd agents, Task Scheduler tasks). The
 * install/uninstall flow is shared; an adapter says where the service file goes, what it
 * holds, and how to drive the manager. Every operation that needs the manager throws
 * `SERVICE_MANAGER_UNAVAILABLE` when none can be reached and `SERVICE_COMMAND_FAILED` when
 * it refuses; file building never touches the machine.
 */
export interface ServiceManager {
  /** `systemd`, `launchd` or `schtasks`. */
  readonly name: string;
  /** The manager has no setting for plain variables: they go into the env file with the secrets. */
  readonly plainEnvInEnvFile?: boolean;
  /** The service file of `kind` (the unit, plist or task XML). */
  filePath(kind: ServiceKind): string;
  /** The service file for `spec`, plus any other file the manager needs; the first is the service file. */
  render(spec: ServiceSpec): ServiceFile[];
  /** The command line a service file runs, for people (`status`); undefined when unreadable. */
  readCommand(content: Uint8Array): string | undefined;
  /** After service files were removed: let the manager notice. */
  reload?(): Promise<void>;
  /** Other files the service leaves (logs) that uninstall removes; none by default. */
  extraFiles?(kind: ServiceKind, stateDir: string): string[];
  /** Throws SERVICE_MANAGER_UNAVAILABLE when the manager cannot be reached. */
  probe(): Promise<void>;
  /** After the files are written: make the manager load, enable and start the service. */
  enable(kind: ServiceKind): Promise<void>;
  /** Before the files are removed: stop the service and make the manager forget it. */
  disable(kind: ServiceKind): Promise<void>;
  start(kind: ServiceKind): Promise<void>;
  stop(kind: ServiceKind): Promise<void>;
  restart(kind: ServiceKind): Promise<void>;
  state(kind: ServiceKind): Promise<ServiceState>;
  /** The last `lines` lines the service logged (newest last), or `[]` when there is no log. */
  logs(kind: ServiceKind, lines: number): Promise<string[]>;
  /** The command a person runs to enable and start the service by hand. */
  enableHint(kind: ServiceKind): string;
}
