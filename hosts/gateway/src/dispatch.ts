import { OpenClawError } from '@openclaw-nodes/core/errors';
import { formatZodIssues, METHOD_PARAM_SCHEMAS } from '@openclaw-nodes/core/protocol';
import type { Connection } from './connection.js';
import type { GatewayContext } from './gateway-context.js';
import type { MethodSpec, MethodTable } from './methods/method-spec.js';

const EMPTY_PARAMS = Object.freeze({});

/**
 * Runs one request of an authenticated connection, in OpenClaw's order of checks
 * (PROTOCOL.md section 12.3): method → role → scope → params schema → handler. Always answers.
 */
export function dispatch(ctx: GatewayContext, methods: MethodTable, conn: Connection, id: string, method: string, rawParams: unknown): void {
  const spec: MethodSpec | undefined = Object.hasOwn(methods, method) ? methods[method] : undefined;
  try {
    if (!spec) throw new OpenClawError('UNKNOWN_METHOD', `unknown method: ${method}`);
    if (spec.role !== conn.role) throw new OpenClawError('UNAUTHORIZED_ROLE', `unauthorized role: ${conn.role}`);
    let params: unknown = rawParams ?? EMPTY_PARAMS;
    const schema = METHOD_PARAM_SCHEMAS[method];
    if (schema) {
      const parsed = schema.safeParse(params);
      if (!parsed.success) throw new OpenClawError('INVALID_REQUEST', `invalid ${method} params: ${formatZodIssues(parsed.error)}`);
      params = parsed.data;
    }
    checkScopes(conn, spec.scopes, spec.dynamicScopes?.(params, ctx));
    const result = spec.handle({ ctx, conn, params });
    if (result instanceof Promise) {
      result.then(
        (payload) => conn.respond(id, payload),
        (err) => conn.respondError(id, OpenClawError.from(err).toWire()),
      );
    } else {
      conn.respond(id, result);
    }
  } catch (err) {
    conn.respondError(id, OpenClawError.from(err).toWire());
  }
}

function checkScopes(conn: Connection, fixed: readonly string[] | undefined, dynamic: readonly string[] | undefined): void {
  if (conn.role !== 'operator') return;
  for (const list of [fixed, dynamic]) {
    if (!list) continue;
    for (const scope of list) {
      if (!conn.hasScope(scope)) {
        const requiredScopes = [...(fixed ?? []), ...(dynamic ?? [])];
        throw new OpenClawError('MISSING_SCOPE', `missing scope: ${scope}`, { details: { missingScope: scope, requiredScopes } });
      }
    }
  }
}
