import { OpenClawError } from '../errors.js';
import { HOST_ENV, HOST_KIND, PLUGIN_OPTIONS, SURFACE_CHANGED } from '../tokens.js';
import type { CommandSpec, InvokeContext, PluginDefinition } from './contract.js';
import { detectHostEnvironment, type HostEnvironment } from './host-environment.js';
import { mergeErrorCodes, type OwnedErrorCode } from './merge-error-codes.js';
import { mergePermissions } from './merge-permissions.js';
import { droppedInfo, isolateOptional } from './plugin-isolation.js';
import { DEFAULT_POSTPROCESS_TIMEOUT_MS, DEFAULT_START_TIMEOUT_MS, type PluginHostOptions, type PostProcessContext } from './plugin-host-options.js';
import { bindPluginLogger } from './plugin-logger.js';
import { NO_ROUTES, buildRoutes, type PluginRoutes } from './plugin-routes.js';
import { probePlugin, startPlugin } from './plugin-start.js';
import { stopPlugins } from './plugin-stop.js';
import { isAdvertised, reconfigurePlugins } from './plugin-surface.js';
import type { PluginInfo, PluginSlot } from './plugin-slot.js';
import { messageOf } from './plugin-slot.js';
import { validatePluginSet } from './validate-plugins.js';
import { runProcessor } from './run-processor.js';

/**
 * Validates, registers, starts and stops a set of plugins for one host, and routes invokes
 * to their handlers. Binds itself in the host container so host services can depend on it.
 *
 * @example
 * const host = new PluginHost({ container, hostVersion: CORE_VERSION, hostKind: 'node', side: 'node' });
 * host.load([systemPlugin]);
 * await host.start();
 * await host.invoke('system.which', { bins: ['sh'] }, ctx); // { bins: { sh: '/usr/bin/sh' } }
 */
export class PluginHost {
  readonly #options: PluginHostOptions;
  readonly #slots: PluginSlot[] = [];
  readonly #hostEnv: HostEnvironment;
  #loaded = false;
  /** Optional plugins dropped before they had a slot: at import, shape, options or dependency check. */
  #dropped: PluginInfo[] = [];
  #routes: PluginRoutes = NO_ROUTES;
  #errorCodes: ReadonlyMap<string, OwnedErrorCode> = new Map();
  /** Each plugin's options as last handed over (JSON), so an unchanged config hands nothing over. */
  readonly #optionsText = new Map<string, string>();
  readonly #surfaceListeners = new Set<() => void>();

  constructor(options: PluginHostOptions) {
    this.#options = options;
    this.#hostEnv = options.hostEnv ?? detectHostEnvironment();
    options.container.register(PluginHost, { useValue: this });
  }

  /**
   * Validates the whole set, then registers each plugin. On a node host an optional plugin that
   * fails its own checks (shape, host range, options, dependencies) or throws in `register` is
   * reported and dropped; any other failure throws and nothing is registered. `earlier` are
   * plugins that already failed to import, listed by `plugins()` with the rest.
   */
  load(plugins: readonly unknown[], earlier: readonly PluginInfo[] = []): void {
    if (this.#loaded) throw new OpenClawError('PLUGIN_INVALID', 'plugins were already loaded into this host; create a new PluginHost');
    this.#loaded = true;
    const { container, hostVersion, hostKind, side, pluginOptions = {}, log } = this.#options;
    const { kept, dropped } = isolateOptional(plugins, { hostVersion, pluginOptions, optional: (name) => this.#optional(name), log });
    this.#dropped = [...earlier, ...dropped];
    const validated = validatePluginSet(kept, { hostVersion, pluginOptions });
    this.#errorCodes = mergeErrorCodes(validated.map((v) => v.plugin));
    for (const { plugin, options } of validated) {
      const child = container.createChildContainer();
      child.register(PLUGIN_OPTIONS, { useValue: options });
      child.register(HOST_KIND, { useValue: hostKind });
      child.register(HOST_ENV, { useValue: this.#hostEnv });
      child.register(SURFACE_CHANGED, { useValue: () => this.#surfaceChanged() });
      this.#optionsText.set(plugin.name, JSON.stringify(options) ?? '');
      bindPluginLogger(container, child, plugin.name);
      try {
        plugin[side]?.register?.(child);
      } catch (err) {
        const error = new OpenClawError('PLUGIN_REGISTER_FAILED', `plugin "${plugin.name}" failed to register: ${messageOf(err)}`, {
          cause: err,
          details: { plugin: plugin.name },
        });
        if (!this.#optional(plugin.name)) throw error;
        this.#dropped.push(droppedInfo(plugin.name, plugin.version, error));
        log?.('warn', `optional plugin "${plugin.name}" dropped: ${error.message}`, { plugin: plugin.name, code: error.code });
        continue;
      }
      this.#slots.push({ plugin, container: child, status: 'registered' });
    }
  }

  /**
   * Starts plugins in dependency order. A fatal failure stops the plugins already running
   * and rethrows; an optional plugin on a node host is reported through `log` and dropped.
   */
  async start(): Promise<void> {
    const { side, log } = this.#options;
    for (const slot of this.#slots) {
      const { name } = slot.plugin;
      if (slot.status !== 'registered') continue;
      try {
        const notRunning = (slot.plugin.dependsOn ?? []).filter((dep) => this.#slot(dep)?.status !== 'running');
        if (notRunning.length > 0) {
          throw new OpenClawError('PLUGIN_DEPENDENCY_MISSING', `plugin "${name}" depends on ${notRunning.map((d) => `"${d}"`).join(', ')}, which did not start`, {
            details: { plugin: name, dependencies: notRunning },
          });
        }
        await startPlugin(slot, side, this.#timeoutFor(slot));
        log?.('debug', `plugin "${name}" started`, { plugin: name });
      } catch (err) {
        const error = OpenClawError.from(err, 'PLUGIN_START_FAILED');
        slot.reason = error.message;
        slot.code = error.code;
        if (this.#optional(name)) {
          slot.status = slot.unavailable === true ? 'unavailable' : 'dropped';
          log?.('warn', `optional plugin "${name}" ${slot.status}: ${error.message}`, { plugin: name, code: error.code });
          continue;
        }
        slot.status = 'failed';
        await this.stop().catch((stopErr: unknown) => log?.('error', messageOf(stopErr), { code: 'PLUGIN_STOP_FAILED' }));
        throw error;
      }
    }
    this.#routes = buildRoutes(this.#serving(), side, { hasDisplay: this.#hostEnv.display !== undefined });
  }

  /** Runs each registered plugin's `available()` without starting anything, so `plugins()` tells what `start` would drop. */
  async probe(): Promise<void> {
    for (const slot of this.#slots) if (slot.status === 'registered') await probePlugin(slot, this.#timeoutFor(slot));
  }

  /** Stops running plugins in reverse start order; every stop is attempted, failures are reported together. */
  async stop(): Promise<void> {
    this.#routes = NO_ROUTES;
    await stopPlugins([...this.#slots].reverse(), this.#options.side, (slot) => this.#timeoutFor(slot), this.#options.log);
  }

  /** Every plugin this host was given, with its version and status (and the code and reason of a failure). */
  plugins(): PluginInfo[] {
    const loaded = this.#slots.map(({ plugin: { name, version }, status, reason, code }): PluginInfo => ({
      name,
      version,
      status,
      ...(reason === undefined ? {} : { reason }),
      ...(code === undefined ? {} : { code }),
    }));
    return [...loaded, ...this.#dropped];
  }

  /** Caps of the plugins serving this side, deduplicated; on a node, only those a plugin advertises now. */
  caps(): string[] {
    return [...new Set(this.#serving().filter((slot) => this.#advertises(slot)).flatMap((slot) => slot.plugin.caps))];
  }

  /**
   * Declared command names of the plugins serving this side; on a node, only those a plugin
   * advertises now (a plugin that does not still answers its commands, with its own refusal).
   */
  commands(): string[] {
    const quiet = new Set(this.#serving().filter((slot) => !this.#advertises(slot)).flatMap((slot) => slot.plugin.commands.map((c) => c.name)));
    return [...this.#routes.specs.keys()].filter((name) => !quiet.has(name));
  }

  /**
   * Calls `listener` whenever a plugin signals `SURFACE_CHANGED` or takes new options, so a
   * node host can announce its caps, commands and permissions again. Returns the unsubscribe.
   */
  onSurfaceChange(listener: () => void): () => void {
    this.#surfaceListeners.add(listener);
    return () => this.#surfaceListeners.delete(listener);
  }

  /**
   * Hands new `plugins.options` (by plugin name, as in config) to running node-side plugins that
   * take live options; invalid ones are logged and ignored. Signals a surface change when any
   * took them. A gateway takes none: its plugins' options shape routing, fixed at start.
   */
  async reconfigure(pluginOptions: Readonly<Record<string, unknown>>): Promise<void> {
    if (this.#options.side !== 'node') return;
    if (await reconfigurePlugins(this.#serving(), pluginOptions, this.#optionsText, this.#options.log)) this.#surfaceChanged();
  }

  commandSpec(command: string): CommandSpec | undefined {
    return this.#routes.specs.get(command);
  }

  /** The merged live permission map of running node-side plugins; a failing probe is logged and left out. */
  permissions(): Promise<Record<string, boolean>> {
    return this.#options.side === 'node' ? mergePermissions(this.#serving(), this.#options.log) : Promise.resolve({});
  }

  /** Runs a command on this node: COMMAND_NOT_SUPPORTED, INVALID_REQUEST or NODE_INVOKE_FAILED on failure. */
  invoke(command: string, rawParams: unknown, ctx: InvokeContext): Promise<unknown> {
    return this.#routes.router.invoke(command, rawParams, ctx);
  }

  /** The error codes the loaded plugins declare, each with its owner (core codes are not in it). */
  errorCodes(): ReadonlyMap<string, OwnedErrorCode> {
    return this.#errorCodes;
  }

  /** Whether a running plugin post-processes this command's results on this (gateway) side. */
  processes(command: string): boolean {
    return this.#routes.processors.has(command);
  }

  /**
   * Applies the owning plugin's gateway-side processor to a node's result, if it has one (see
   * `runProcessor`), within `postProcessTimeoutMs` or the caller's `remainingMs`, whichever is
   * shorter. Throws a core code or one the plugin declares; anything else it throws, a result
   * JSON cannot hold, and a processor that does not settle in time become `PLUGIN_POSTPROCESS_FAILED`.
   */
  async postProcess(command: string, result: unknown, ctx: PostProcessContext, remainingMs?: number): Promise<unknown> {
    const processor = this.#routes.processors.get(command);
    if (processor === undefined) return result;
    const bound = this.#options.postProcessTimeoutMs ?? DEFAULT_POSTPROCESS_TIMEOUT_MS;
    const timeoutMs = remainingMs === undefined ? bound : Math.max(0, Math.min(bound, Math.floor(remainingMs)));
    return runProcessor(processor, command, result, ctx, timeoutMs);
  }

  /** Running plugins that have something on this side; a gateway knows every running plugin's commands. */
  #serving(): PluginSlot[] {
    return this.#slots.filter((s) => s.status === 'running' && (this.#options.side === 'gateway' || s.plugin.node !== undefined));
  }

  #advertises(slot: PluginSlot): boolean {
    return this.#options.side === 'gateway' || isAdvertised(slot, this.#options.log);
  }

  #surfaceChanged(): void {
    for (const listener of this.#surfaceListeners) listener();
  }

  /** Only a node host drops plugins: a gateway without one of its plugins would route wrongly. */
  #optional(name: string): boolean {
    return this.#options.side === 'node' && (this.#options.optional?.(name) ?? false);
  }

  #slot(name: string): PluginSlot | undefined {
    return this.#slots.find((s) => s.plugin.name === name);
  }

  #timeoutFor(slot: PluginSlot): number {
    return this.#options.startTimeoutMs ?? slot.plugin.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  }
}
