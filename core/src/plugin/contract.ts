import type { z } from 'zod';
import type { DependencyContainer } from 'tsyringe';
import type { PluginErrorCodes } from '../errors/plugin-error-codes.js';

/**
 * One command a plugin serves. Params and result are validated with the zod schemas on the
 * node before and after the handler runs.
 */
export interface CommandSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** Wire id, e.g. `system.which`. */
  readonly name: string;
  readonly params: P;
  readonly result: R;
  /** Needs an explicit `gateway.nodes.commands.allow` entry (camera.snap, sms.send, ...). */
  readonly dangerous?: boolean;
  /** Needs a foreground node with a display; otherwise `NODE_BACKGROUND_UNAVAILABLE`. */
  readonly foreground?: boolean;
  readonly description?: string;
}

/** What a handler learns about the call it serves. */
export interface InvokeContext {
  readonly invokeId: string;
  readonly command: string;
  /** Aborted when the gateway sends `node.invoke.cancel` or the node shuts down. */
  readonly signal: AbortSignal;
  readonly timeoutMs?: number;
  /** Lets a handler publish `node.event` frames (exec.finished, exec.denied, ...). */
  readonly emitEvent: (event: string, payload: unknown) => void;
  /**
   * Hands a media file the handler wrote to the host, which delivers it and removes the file:
   * inline as `{base64}` when small enough for a frame, else out of band as `{url}` (COMMANDS.md
   * 1.6). Spread the answer into the result: `{format: 'mp4', ...(await ctx.deliverMedia(f)), ...}`.
   * Throws `PAYLOAD_TOO_LARGE` (with the size) when neither way can carry it.
   */
  readonly deliverMedia: (file: MediaFile) => Promise<DeliveredMedia>;
}

/** A media file a handler produced (a still, a clip) for `InvokeContext.deliverMedia`. */
export interface MediaFile {
  /** Absolute path of a file the handler owns; the host removes it once delivered (or on failure). */
  readonly path: string;
  /** MIME type: `image/jpeg`, `image/png`, `video/mp4`, ... */
  readonly contentType: string;
}

/** Where delivered media went: inline base64, or a gateway URL the operator fetches with its `/v1` bearer auth. */
export type DeliveredMedia = { readonly base64: string; readonly url?: undefined } | { readonly url: string; readonly base64?: undefined };

export type CommandHandler<P = any, R = unknown> = (params: P, ctx: InvokeContext) => R | Promise<R>;

/** The node-host side of a plugin. */
export interface NodeSide {
  /**
   * Binds services into the plugin's child container, where `PLUGIN_OPTIONS` (the parsed
   * options) and `HOST_KIND` are already bound. Synchronous, no I/O, never resolves.
   */
  register?(container: DependencyContainer): void;
  /** Handlers by command name, one per declared command; called at start, after `available()`, before `start()`. */
  handlers(container: DependencyContainer): Record<string, CommandHandler>;
  /** The live permission map (`camera.capture`, `screen.record`, ...). */
  permissions?(container: DependencyContainer): Record<string, boolean> | Promise<Record<string, boolean>>;
  /** Whether this machine can serve the plugin at all (no modem → no sms); checked at start. */
  available?(container: DependencyContainer): boolean | Promise<boolean>;
  /**
   * Whether the plugin's caps and commands are announced right now (default: always). A running
   * plugin that says no keeps its handlers, so a call that reaches it anyway gets its own coded
   * refusal (`LOCATION_DISABLED`) rather than `COMMAND_NOT_SUPPORTED`. Synchronous and cheap:
   * read on every surface report. Call `SURFACE_CHANGED` when the answer may have changed.
   */
  advertised?(container: DependencyContainer): boolean;
  /**
   * Takes new options while running (an edited config file), already parsed with `options`.
   * The host re-reads the surface afterwards. Without it, new options wait for a restart.
   */
  reconfigure?(container: DependencyContainer, options: unknown): void | Promise<void>;
  start?(container: DependencyContainer): void | Promise<void>;
  stop?(container: DependencyContainer): void | Promise<void>;
}

/**
 * Gateway-side post-processing of one command's result (resize a snapshot, ...). `container`
 * is the plugin's own container on the gateway: resolve `MEDIA_STORE` there for media a node
 * delivered out of band (`{url}`). `signal` is aborted when the processor's time is up (the
 * host's bound or the caller's deadline): stop work then.
 */
export type ResultProcessor = (
  result: unknown,
  ctx: { nodeId: string; command: string; params: unknown; container: DependencyContainer; signal: AbortSignal },
) => unknown | Promise<unknown>;

/**
 * A command whose result is media (`{format, base64}`), served by the gateway as bytes at
 * `GET /v1/nodes/:node/<path>?<query>`; the query schema validates and documents it.
 */
export interface MediaRouteSpec {
  /** Under `/v1/nodes/:node/`, e.g. `canvas/snapshot`. */
  readonly path: string;
  /** A command the plugin declares. */
  readonly command: string;
  readonly summary: string;
  /** Query string to command params: a zod object over strings (use `z.coerce` for numbers). */
  readonly query: z.ZodType;
  /** The answer is `<kind>/<format>`. */
  readonly kind: 'image' | 'video' | 'audio';
  /** Formats the command answers with (`jpeg`, not `jpg`). */
  readonly formats: readonly string[];
  readonly timeoutMs?: number;
}

/** The gateway side of a plugin (optional). Keep its module light: the gateway loads it. */
export interface GatewaySide {
  register?(container: DependencyContainer): void;
  postProcess?: Readonly<Record<string, ResultProcessor>>;
  /** HTTP media routes for this plugin's commands. */
  media?: readonly MediaRouteSpec[];
  start?(container: DependencyContainer): void | Promise<void>;
  stop?(container: DependencyContainer): void | Promise<void>;
}

/**
 * A capability plugin: the default export of a plugin package.
 *
 * @example
 * export default definePlugin({
 *   name: 'system', version: '0.1.0', host: '^0.1.0', caps: ['system'],
 *   commands: [whichCommand],
 *   node: { handlers: (c) => ({ 'system.which': (p) => c.resolve(SystemService).which(p) }) },
 * });
 */
export interface PluginDefinition<O extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly version: string;
  /** Semver range of the plugin host (core) version this plugin works with. */
  readonly host?: string;
  /** Names of plugins that must be loaded (and started) before this one. */
  readonly dependsOn?: readonly string[];
  readonly caps: readonly string[];
  readonly commands: readonly CommandSpec[];
  /**
   * The error codes this plugin's handlers and gateway side throw, beside core's. A code
   * another loaded plugin or core already has refuses the set (`PLUGIN_ERROR_CODE_CONFLICT`);
   * a code thrown without being declared reaches the caller as `NODE_INVOKE_FAILED`.
   */
  readonly errors?: PluginErrorCodes;
  /** Options schema; defaults live here. Options arrive from config `plugins.options.<name>`. */
  readonly options?: O;
  readonly node?: NodeSide;
  readonly gateway?: GatewaySide;
  /** Start (and stop) timeout, ms (default 10 000); config `plugins.startTimeoutMs` overrides it. */
  readonly startTimeoutMs?: number;
}

/** Identity function that gives a plugin object its type. */
export function definePlugin<O extends z.ZodType>(plugin: PluginDefinition<O>): PluginDefinition<O> {
  return plugin;
}

/** Builds a command spec with inferred param/result types. */
export function defineCommand<P extends z.ZodType, R extends z.ZodType>(spec: CommandSpec<P, R>): CommandSpec<P, R> {
  return spec;
}
