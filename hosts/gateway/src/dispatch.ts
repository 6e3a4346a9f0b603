import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { Connection } from './connection.js';
import type { GatewayContext } from './gateway-context.js';
import { callMethod } from './methods/call-method.js';
import { mcpCallerLabel, mcpToolOf } from './metrics/mcp-client-calls.js';
import type { MethodTable } from './methods/method-spec.js';

/**
 * Runs one request of an authenticated connection (see `callMethod`). Always answers, and
 * never lets a failure escape: the answer callbacks run detached from any caller, so a throw
 * there (a payload JSON cannot hold, built from what a node sent) would be an unhandled
 * rejection and end the process.
 */
export function dispatch(ctx: GatewayContext, methods: MethodTable, conn: Connection, id: string, method: string, rawParams: unknown): void {
  // `openclaw mcp serve` runs its tools through these requests: counted like /mcp calls, as this connection's caller.
  const tool = mcpToolOf(conn.client, method, rawParams);
  let counted = false;
  const record = (outcome: 'ok' | 'error') => {
    if (tool === undefined || counted) return;
    counted = true;
    ctx.metrics.mcp.record(tool, outcome, mcpCallerLabel(conn));
  };
  const fail = (err: unknown) => {
    record('error');
    conn.respondError(id, OpenClawError.from(err).toWire());
  };
  const answer = (payload: unknown) => {
    record('ok');
    conn.respond(id, payload);
  };
  try {
    const result = callMethod(ctx, methods, conn, method, rawParams);
    if (result instanceof Promise) {
      result.then(answer, fail).catch(fail);
    } else {
      answer(result);
    }
  } catch (err) {
    fail(err);
  }
}
