import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayConnection } from '@openclaw-nodes/core/rpc';

/**
 * Sends one `node.event` on `conn`. A gateway refuses node events until the node's surface is
 * approved, and rate-bounds some, so this retries (after 0.5 s, doubling to at most 5 s) until
 * it is accepted, refused for good (`INVALID_REQUEST`), the connection closes, or `wanted()`
 * says a newer report replaced this one.
 */
export async function publishUntilAccepted(conn: GatewayConnection, event: string, payloadJSON: string, wanted: () => boolean): Promise<void> {
  let closed = false;
  void conn.peer.closed.then(() => (closed = true));
  for (let delay = 500; !closed && wanted(); delay = Math.min(delay * 2, 5_000)) {
    // Only a refusal that retrying can change (not yet approved, too soon) is retried.
    const done = await conn.peer.request('node.event', { event, payloadJSON }).then(
      () => true,
      (err: unknown) => !(err instanceof OpenClawError) || err.code === 'INVALID_REQUEST',
    );
    if (done) return;
    await new Promise((resolve) => setTimeout(resolve, delay).unref());
  }
}
