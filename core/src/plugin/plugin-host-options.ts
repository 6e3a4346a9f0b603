import type { DependencyContainer } from '../di.js';
import type { ResultProcessor } from './contract.js';
import type { HostEnvironment } from './host-environment.js';
import type { HostKind, PluginLog, PluginSideName } from './plugin-slot.js';

/** How long a plugin may take to start (and to stop) unless it or the config says otherwise. */
export const DEFAULT_START_TIMEOUT_MS = 10_000;

/** How long a gateway side may take to post-process one result before the caller gets an error. */
export const DEFAULT_POSTPROCESS_TIMEOUT_MS = 30_000;

/** How a host flavour sets up its `PluginHost`. */
export interface PluginHostOptions {
  /** The host container; each plugin gets a child of it. */
  readonly container: DependencyContainer;
  /** Checked against each plugin's `host` range; normally `CORE_VERSION`. */
  readonly hostVersion: string;
  readonly hostKind: HostKind;
  readonly side: PluginSideName;
  /** Bound to `HOST_ENV` in every plugin container; detected from the process when absent. */
  readonly hostEnv?: HostEnvironment;
  /** `plugins.options` from config, by plugin name. */
  readonly pluginOptions?: Readonly<Record<string, unknown>>;
  /** `plugins.startTimeoutMs` from config: overrides each plugin's own start timeout. */
  readonly startTimeoutMs?: number;
  /** Bound on each `postProcess` call (default `DEFAULT_POSTPROCESS_TIMEOUT_MS`): a stuck processor must not hold a caller forever. */
  readonly postProcessTimeoutMs?: number;
  /**
   * On a node host, an optional plugin that fails at shape, options, dependency, `register`,
   * `available` or `start` is reported and dropped, not fatal.
   */
  readonly optional?: (name: string) => boolean;
  readonly log?: PluginLog;
}

/** What a gateway-side result processor learns besides the command, its plugin's container and its signal. */
export type PostProcessContext = Omit<Parameters<ResultProcessor>[1], 'command' | 'container' | 'signal'>;
