import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { Connection } from './connection.js';
import type { GatewayContext } from './gateway-context.js';
import { callMethod } from './methods/call-method.js';
import type { MethodTable } from './methods/method-spec.js';

/**
 * Runs one request of an authenticated connection (see `callMethod`). Always answers, and
 * never lets a failure escape: the answer callbacks run detached from any caller, so a throw
 * there (a payload JSON cannot hold, built from what a node sent) would be an unhandled
 * rejection and end the process.
 */
export function dispatch(ctx: GatewayContext, methods: MethodTable, conn: Connection, id: string, method: string, rawParams: unknown): void {
  const fail = (err: unknown) => conn.respondError(id, OpenClawError.from(err).toWire());
  try {
    const result = callMethod(ctx, methods, conn, method, rawParams);
    if (result instanceof Promise) {
      result.then((payload) => conn.respond(id, payload), fail).catch(fail);
    } else {
      conn.respond(id, result);
    }
  } catch (err) {
    fail(err);
  }
}
