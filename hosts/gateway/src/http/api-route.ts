import type { Context } from 'hono';
import type { z } from 'zod';
import type { GatewayContext } from '../gateway-context.js';
import type { HttpCaller } from './http-caller.js';
import type { HttpEnv } from './http-env.js';

export type HttpVerb = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What a route handler receives: validated inputs and a way to run methods as the caller. */
export interface RouteInput<P, Q, B> {
  readonly ctx: GatewayContext;
  readonly caller: HttpCaller;
  readonly path: P;
  readonly query: Q;
  readonly body: B;
  /** Runs a gateway method as this caller: the same role, scope and params checks as over WebSocket. */
  call(method: string, params: unknown): Promise<unknown>;
  readonly c: Context<HttpEnv>;
}

/**
 * One HTTP route. The same object drives request validation, the handler and the route's
 * entry in `/v1/openapi.json`, so the document cannot drift from what is enforced.
 */
export interface ApiRoute<P = any, Q = any, B = any> {
  readonly verb: HttpVerb;
  /** Hono path syntax: `/v1/nodes/:node`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  /** The WebSocket method this route mirrors; its scopes are enforced by that method. */
  readonly rpc?: string;
  /** Scopes checked before the handler, for routes that mirror no method. */
  readonly scopes?: readonly string[];
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /** The JSON answer, for the document. */
  readonly response?: z.ZodType;
  /** Media types of a non-JSON answer (`image/png`, `text/event-stream`). */
  readonly produces?: readonly string[];
  /** Returns a `Response` to send as is, or a value sent as JSON. */
  handle(input: RouteInput<P, Q, B>): unknown;
}

/**
 * Gives a route its types from its schemas.
 *
 * @example
 * defineRoute({
 *   verb: 'GET', path: '/v1/nodes', tag: 'nodes', summary: 'List nodes', rpc: 'node.list',
 *   handle: ({ call }) => call('node.list', {}),
 * });
 */
export function defineRoute<P = undefined, Q = undefined, B = undefined>(route: ApiRoute<P, Q, B>): ApiRoute<P, Q, B> {
  return route;
}
