import type { Command } from 'commander';

/** The gateway connection flags every `nodes <cap> …` command takes (CLI.md 1.1). */
export interface CliGatewayFlags {
  url?: string;
  token?: string;
  /** How long to wait for the gateway, ms, as typed. */
  timeout?: string;
  json?: boolean;
}

/** The flags of a command aimed at one node: `--node` and the gateway's wait for it. */
export interface CliNodeFlags extends CliGatewayFlags {
  /** Node id, id prefix (6+ chars), display name or IP. */
  node: string;
  /** How long the gateway waits for the node, ms, as typed. */
  invokeTimeout?: string;
}

/** The gateway's answer to `node.invoke` (COMMANDS.md 1.1). */
export interface CliInvokeResult<P = unknown> {
  ok: boolean;
  nodeId: string;
  command: string;
  payload: P;
  payloadJSON: string | null;
}

/** How `PluginCliContext.invoke` waits: timeouts when no flag gives one, and progress for long work. */
export interface CliInvokeOptions {
  /** Invoke timeout (ms) when `--invoke-timeout` is absent. */
  invokeTimeoutMs?: number;
  /** Gateway timeout (ms) when `--timeout` is absent. */
  timeoutMs?: number;
  /**
   * A clip or recording of this length (ms): on a terminal (stderr a TTY, no `--json`) a
   * progress line shows `<label> elapsed / duration`, cleared when the answer comes.
   */
  progress?: { label: string; durationMs: number };
}

/**
 * What the CLI hands a plugin's CLI entry, so the entry never imports the CLI itself. Every
 * function throws OpenClawError with the CLI's codes (CLI_USAGE, gateway and node errors).
 */
export interface PluginCliContext {
  /**
   * Adds a subcommand under `command` that aims at one node: `--node`, `--invoke-timeout`
   * and the gateway flags `--url`, `--token`, `--timeout <ms>` (default `timeoutMs`), `--json`.
   */
  nodeCommand(command: Command, name: string, description: string, timeoutMs?: number): Command;
  /**
   * Gives `command` itself the flags of `nodeCommand`, for an entry whose group is a single
   * command aimed at one node (`openclaw nodes notify --node …`) rather than a group of them.
   */
  nodeOptions(command: Command, timeoutMs?: number): Command;
  /**
   * Runs an action the way every CLI command does: a failure becomes `<label> failed: …` on
   * stderr (or `{"ok":false,"error":…}` with `--json`) and exit code 1; never throws.
   */
  run(label: string, flags: { json?: boolean }, fn: () => Promise<void>): Promise<void>;
  /**
   * Resolves `--node` and sends `node.invoke` through the gateway; the result as the gateway
   * sent it. `defaults` are the invoke timeout and gateway timeout (ms) when no flag gives one.
   */
  invoke<P = unknown>(flags: CliNodeFlags, command: string, params: unknown, defaults?: CliInvokeOptions): Promise<CliInvokeResult<P>>;
  /** A strict numeric flag: the whole value must be a finite number in range, else CLI_USAGE. */
  numberFlag(name: string, raw: string, range?: { integer?: boolean; min?: number; max?: number }): number;
  /**
   * A duration flag (CLI.md 1.3): `<number>[ms|s|m|h|d]`, decimals allowed, case-insensitive,
   * a bare number is milliseconds (`3000`, `10s`, `1.5m`). Returns whole milliseconds; throws
   * CLI_USAGE `invalid duration (empty)` / `invalid duration: <raw>`.
   */
  durationFlag(name: string, raw: string): number;
  /** With `--json`, the value as JSON on stdout; otherwise `line`. */
  report(flags: { json?: boolean }, line: string, value: unknown): void;
  /**
   * Writes a node's media to a private temp file (`@openclaw-nodes/core/media`) and prints
   * `MEDIA:<path>`, or `{"file":{path, ...extra}}` with `--json`. Returns the path. `media` is
   * the base64 string, or the result object carrying `base64` or a gateway `url` (COMMANDS.md
   * 1.6), which is downloaded with the CLI's gateway auth. With `target.out` the file is written
   * at exactly that path instead (atomically: a private file beside it, then renamed over it).
   */
  printMedia(flags: CliGatewayFlags, media: unknown, prefix: string, extension: string, extra?: Record<string, unknown>, target?: { out?: string }): Promise<string>;
  /**
   * `printMedia` without the printing: writes (or downloads) the media to a new temp file, or
   * at exactly `target.out`, and returns its path, for commands that report several files at
   * once (`camera snap --facing both`).
   */
  saveMedia(flags: CliGatewayFlags, media: unknown, prefix: string, extension: string, target?: { out?: string }): Promise<string>;
}

/**
 * The default export of a plugin's light CLI entry (the package subpath `./cli`): one command
 * group under `openclaw nodes <name>`. `register` only declares commands; actions should
 * import their code when they run, so `--help` stays quick.
 */
export interface PluginCliEntry {
  /** The subcommand name under `openclaw nodes`: lowercase letters, digits and dashes. */
  name: string;
  /** One line for `openclaw nodes --help`. */
  description: string;
  /** Declares the subcommands on `command` (already named and described). */
  register(command: Command, cli: PluginCliContext): void;
}
