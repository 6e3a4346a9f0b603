import type { CommandSpec } from '@openclaw-nodes/core/plugin';

/** A node as `node.list` gives it: what the tool list is built from. */
export interface PortNode {
  readonly nodeId: string;
  readonly displayName?: string;
  readonly platform?: string;
  readonly connected?: boolean;
  /** The commands the gateway routes to it now: approved, declared and allowed by policy. */
  readonly commands?: readonly string[];
}

/** Media a tool result names by gateway url, read back for image content. */
export interface PortMedia {
  readonly bytes: Buffer;
  readonly contentType: string;
}

/**
 * What the MCP server needs from a gateway, whichever way it reaches it: in process (the
 * gateway's `/mcp` route) or over an operator WebSocket (`openclaw mcp serve`). Every call goes
 * through the gateway's own methods, so its scopes, command policy, exec routing and approvals
 * apply unchanged.
 */
export interface GatewayPort {
  /** Who calls, for logs and metrics: `token`, `device:<id>`, `none`. */
  readonly caller: string;
  /**
   * Runs one gateway method as this caller (`node.list`, `node.describe`, `node.invoke`,
   * `tools.invoke`). Rejects with the gateway's `OpenClawError`.
   */
  call(method: string, params: unknown): Promise<unknown>;
  /** Whether this caller holds an operator scope (`operator.admin` holds them all). */
  hasScope(scope: string): boolean;
  /** The command's spec (zod params, description) where this side knows the plugin; else undefined. */
  commandSpec(command: string): CommandSpec | undefined;
  /**
   * Calls `listener` on gateway events this caller may see (`node.*`, `exec.approval.*`) and
   * whenever the node list may have changed (`nodes.changed`). Returns the unsubscribe.
   */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  /** Reads media a result names by gateway url (`/v1/media/<id>`), at most `maxBytes`; undefined if unknown. */
  readMedia?(url: string, maxBytes: number): Promise<PortMedia | undefined>;
  /**
   * The absolute url of media a result names by gateway path (`/v1/media/<id>`), for a resource
   * link; undefined unless this gateway's media store holds it (a node chooses the url it answers).
   */
  mediaUrl?(url: string): string | undefined;
  /**
   * Withdraws exec approval `id`, which a call of this caller opened and no longer waits for
   * (the client cancelled it or closed its session), so an operator's later answer runs nothing.
   */
  withdraw?(approvalId: string, reason: string): Promise<void>;
  /** Records one finished tool call (metrics), after the server logged it. */
  record?(tool: string, outcome: 'ok' | 'error', durationMs: number): void;
  /** One log line per tool call and per refusal. */
  log(level: 'info' | 'warn', message: string, fields: Record<string, unknown>): void;
}
