import type { Hono } from 'hono';
import type { z } from 'zod';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { formatZodIssues } from '@openclaw-nodes/core/protocol';
import type { GatewayContext } from '../gateway-context.js';
import { callMethod } from '../methods/call-method.js';
import type { MethodTable } from '../methods/method-spec.js';
import type { ApiRoute } from './api-route.js';
import type { HttpEnv } from './http-env.js';
import { readJsonBody } from './read-json-body.js';

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, what: string): T {
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new OpenClawError('INVALID_REQUEST', `invalid ${what}: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * Registers each route of the table on the app: scope check, path/query/body validation,
 * then the handler. Callers must already be authenticated (`bearerAuth`); errors go to the
 * app's error handler.
 *
 * @example
 * mountApi(app, ctx, methods, [...nodeRoutes, ...pairingRoutes]);
 */
export function mountApi(app: Hono<HttpEnv>, ctx: GatewayContext, methods: MethodTable, routes: readonly ApiRoute[]): void {
  for (const route of routes) {
    app.on(route.verb, route.path, async (c) => {
      const caller = c.get('caller');
      const missing = route.scopes?.find((scope) => !caller.hasScope(scope));
      if (missing) {
        throw new OpenClawError('MISSING_SCOPE', `missing scope: ${missing}`, { details: { missingScope: missing, requiredScopes: route.scopes } });
      }
      const path = parse(route.params, c.req.param(), 'path parameters');
      const query = parse(route.query, c.req.query(), 'query');
      const body = route.body ? parse(route.body, await readJsonBody(c), 'request body') : undefined;
      const call = async (method: string, params: unknown) => callMethod(ctx, methods, caller, method, params);
      const result = await route.handle({ ctx, caller, path, query, body, call, c });
      return result instanceof Response ? result : c.json(result as object);
    });
  }
}
