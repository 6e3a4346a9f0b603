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
  // `openclaw mcp serve` runs its tools through these requests: counted like /mcp calls, as this
  // connection's caller. Every other request keeps the plain path, with nothing to count.
  const tool = mcpToolOf(conn.client, method, rawParams);
  const fail = (err: unknown) => conn.respondError(id, OpenClawError.from(err).toWire());
  if (tool === undefined) {
    // A node's result is acknowledged with the next frame sent to it, not in a write of its own.
    const answer = method === 'node.invoke.result' ? (payload: unknown) => conn.respondSoon(id, payload) : (payload: unknown) => conn.respond(id, payload);
    return run(ctx, methods, conn, method, rawParams, answer, fail);
  }
  let counted = false;
  const record = (outcome: 'ok' | 'error') => {
    if (counted) return;
    counted = true;
    ctx.metrics.mcp.record(tool, outcome, mcpCallerLabel(conn));
  };
  run(
    ctx,
    methods,
    conn,
    method,
    rawParams,
    (payload) => (record('ok'), conn.respond(id, payload)),
    (err) => (record('error'), fail(err)),
  );
}

function run(ctx: GatewayContext, methods: MethodTable, conn: Connection, method: string, rawParams: unknown, answer: (payload: unknown) => void, fail: (err: unknown) => void): void {
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
