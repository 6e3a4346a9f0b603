import type { AuthMethod, Role } from '../connection.js';
import type { GatewayContext } from '../gateway-context.js';

/** Who calls a method: a WebSocket connection, or an authenticated HTTP request. */
export interface Caller {
  readonly role: Role | undefined;
  readonly deviceId: string | undefined;
  /** `device-token` callers act for their device; shared-secret (`token`, `none`) callers are full operators. */
  readonly authMethod: AuthMethod | undefined;
  hasScope(scope: string): boolean;
  /** Fetches a media result's gateway `url` itself; otherwise such media is inlined for it. */
  readonly mediaUrls?: boolean;
  /** Largest answer it can take, bytes: one WebSocket frame; undefined over HTTP (streamed, unbounded). */
  readonly maxFrameBytes?: number;
  /** Still connected (WebSocket callers); a call that waited checks it before acting. */
  readonly open?: boolean;
}

export interface MethodCall<P = any> {
  readonly ctx: GatewayContext;
  /** The caller; node-role methods always get the node's `Connection`. */
  readonly conn: Caller;
  readonly params: P;
}

/** One RPC method: who may call it and what it does. Params are validated before `handle`. */
export interface MethodSpec<P = any> {
  readonly role: Role;
  /** Every scope listed is required (`operator.admin` satisfies any). */
  readonly scopes?: readonly string[];
  /** Extra scopes decided by the params (e.g. admin for `browser.proxy` invokes). */
  readonly dynamicScopes?: (params: P, ctx: GatewayContext) => readonly string[];
  handle(call: MethodCall<P>): unknown;
}

export type MethodTable = Record<string, MethodSpec>;

export const READ = ['operator.read'] as const;
export const WRITE = ['operator.write'] as const;
export const PAIRING = ['operator.pairing'] as const;
export const ADMIN = ['operator.admin'] as const;
export const APPROVALS = ['operator.approvals'] as const;
