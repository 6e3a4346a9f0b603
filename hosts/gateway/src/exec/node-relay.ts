import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayContext } from '../gateway-context.js';
import { pairingChanged } from '../methods/node-methods.js';

/** Gateway-originated invokes (PROTOCOL.md 6.2) wait 30 s and carry no idempotency key. */
export const RELAY_TIMEOUT_MS = 30_000;

/**
 * Sends a gateway-originated command to a node and returns its payload unwrapped, as
 * `exec.approvals.node.get|set` do (PROTOCOL.md 9.1). Only "is it connected" is checked:
 * these commands bypass the declared-command and platform gates (EXEC.md 9), so a node that
 * lacks the command answers with its own unknown-command error.
 *
 * @example
 * const snapshot = await relayToNode(ctx, nodeId, 'system.execApprovals.get', {});
 */
export async function relayToNode(ctx: GatewayContext, nodeId: string, command: string, params: unknown): Promise<unknown> {
  const session = ctx.registry.route(nodeId);
  if (!session) {
    if (!ctx.store.device(nodeId)?.roles.includes('node')) {
      throw pairingChanged();
    }
    throw new OpenClawError('NOT_CONNECTED', 'node not connected', {
      details: { nodeError: { code: 'NOT_CONNECTED', message: 'node not connected' }, nodeCommandDispatched: false },
    });
  }
  ctx.cluster?.checkReachable(session);
  const outcome = await ctx.invoker.invoke(session, command, params, { timeoutMs: RELAY_TIMEOUT_MS });
  return outcome.payload;
}
