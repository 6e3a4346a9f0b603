import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { Connection } from './connection.js';
import type { GatewayContext } from './gateway-context.js';
import { callMethod } from './methods/call-method.js';
import type { MethodTable } from './methods/method-spec.js';

/** Runs one request of an authenticated connection (see `callMethod`). Always answers. */
export function dispatch(ctx: GatewayContext, methods: MethodTable, conn: Connection, id: string, method: string, rawParams: unknown): void {
  try {
    const result = callMethod(ctx, methods, conn, method, rawParams);
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
