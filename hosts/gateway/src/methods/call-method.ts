import { OpenClawError } from '@openclaw-nodes/core/errors';
import { formatZodIssues, METHOD_PARAM_SCHEMAS } from '@openclaw-nodes/core/protocol';
import type { GatewayContext } from '../gateway-context.js';
import type { Caller, MethodSpec, MethodTable } from './method-spec.js';

const EMPTY_PARAMS = Object.freeze({});

/**
 * Runs one method for a caller, in OpenClaw's order of checks (PROTOCOL.md section 12.3):
 * method → role → params schema → scope → handler. Throws the coded refusal; returns the
 * handler's result (a promise for asynchronous methods). Shared by WebSocket dispatch and
 * the HTTP API, so both enforce exactly the same rules.
 *
 * @example
 * const list = await callMethod(ctx, methods, caller, 'node.list', {});
 */
export function callMethod(ctx: GatewayContext, methods: MethodTable, caller: Caller, method: string, rawParams: unknown): unknown {
  const spec: MethodSpec | undefined = Object.hasOwn(methods, method) ? methods[method] : undefined;
  if (!spec) throw new OpenClawError('UNKNOWN_METHOD', `unknown method: ${method}`);
  if (spec.role !== caller.role) throw new OpenClawError('UNAUTHORIZED_ROLE', `unauthorized role: ${caller.role}`);
  let params: unknown = rawParams ?? EMPTY_PARAMS;
  const schema = METHOD_PARAM_SCHEMAS[method];
  if (schema) {
    const parsed = schema.safeParse(params);
    if (!parsed.success) throw new OpenClawError('INVALID_REQUEST', `invalid ${method} params: ${formatZodIssues(parsed.error)}`);
    params = parsed.data;
  }
  checkScopes(caller, spec.scopes, spec.dynamicScopes?.(params, ctx));
  return spec.handle({ ctx, conn: caller, params });
}

function checkScopes(caller: Caller, fixed: readonly string[] | undefined, dynamic: readonly string[] | undefined): void {
  if (caller.role !== 'operator') return;
  for (const list of [fixed, dynamic]) {
    if (!list) continue;
    for (const scope of list) {
      if (!caller.hasScope(scope)) {
        const requiredScopes = [...(fixed ?? []), ...(dynamic ?? [])];
        throw new OpenClawError('MISSING_SCOPE', `missing scope: ${scope}`, { details: { missingScope: scope, requiredScopes } });
      }
    }
  }
}
