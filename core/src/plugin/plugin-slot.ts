import { describeThrown } from '../errors/describe-thrown.js';
import type { DependencyContainer } from '../di.js';
import type { CommandHandler, PluginDefinition } from './contract.js';

/** Where a plugin is in its life: Homebridge-style, so a status page can show it. */
export type PluginStatus = 'registered' | 'starting' | 'running' | 'unavailable' | 'dropped' | 'failed' | 'stopped';

/** What `PluginHost.plugins()` reports per plugin. */
export interface PluginInfo {
  readonly name: string;
  readonly version: string;
  readonly status: PluginStatus;
  /** Why a plugin was dropped, failed or is unavailable. */
  readonly reason?: string;
  /** The error code of a dropped or failed plugin. */
  readonly code?: string;
}

/** Which host flavour runs the plugins. */
export type HostKind = 'gateway' | 'node' | 'desktop';

/** Which side of each plugin a host runs. */
export type PluginSideName = 'node' | 'gateway';

export type PluginLogLevel = 'debug' | 'info' | 'warn' | 'error';
export type PluginLog = (level: PluginLogLevel, msg: string, fields?: Record<string, unknown>) => void;

/** The host's bookkeeping for one loaded plugin. */
export interface PluginSlot {
  readonly plugin: PluginDefinition;
  /** The plugin's own child container; PLUGIN_OPTIONS is bound here. */
  readonly container: DependencyContainer;
  status: PluginStatus;
  reason?: string;
  code?: string;
  /** Set when the plugin's `available()` said no: reported as `unavailable`, not as a failure. */
  unavailable?: boolean;
  /** Set when start overran its timeout: the start may still finish, so stop is still owed. */
  timedOut?: boolean;
  handlers?: Readonly<Record<string, CommandHandler>>;
}

/** Text for anything plugin code threw; never throws (see `describeThrown`). */
export const messageOf = (err: unknown): string => describeThrown(err);
