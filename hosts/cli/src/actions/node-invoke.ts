import { randomUUID } from 'node:crypto';
import { MAX_TIMER_MS } from '@openclaw-nodes/core/timer-delay';
import { callGateway } from '../gateway/gateway-call.js';
import { resolveTarget } from '../gateway/gateway-target.js';
import type { CliInvokeResult, CliNodeFlags } from '@openclaw-nodes/core/plugin';
import { findNode } from './nodes-status.js';
import { numberFlag } from './number-flag.js';

/** What the gateway waits for a node when the caller names no invoke timeout. */
const GATEWAY_INVOKE_DEFAULT_MS = 30_000;

/**
 * Resolves `--node`, invokes one command on it and returns the gateway's result.
 * The transport outlives the node's deadline, or a slow answer would be lost on the way.
 */
export async function invokeNode<P>(flags: CliNodeFlags, command: string, params: unknown, defaults: { invokeTimeoutMs?: number; timeoutMs?: number } = {}): Promise<CliInvokeResult<P>> {
  const invokeTimeoutMs = flags.invokeTimeout === undefined ? defaults.invokeTimeoutMs : numberFlag('--invoke-timeout', flags.invokeTimeout, { integer: true, min: 1, max: MAX_TIMER_MS });
  const node = await findNode(flags, flags.node);
  const target = await resolveTarget(flags, defaults.timeoutMs ?? 10_000);
  target.timeoutMs = Math.max(target.timeoutMs, (invokeTimeoutMs ?? GATEWAY_INVOKE_DEFAULT_MS) + 10_000);
  return callGateway<CliInvokeResult<P>>(target, ['operator.write'], 'node.invoke', {
    nodeId: node.nodeId,
    command,
    params,
    ...(invokeTimeoutMs === undefined ? {} : { timeoutMs: invokeTimeoutMs }),
    idempotencyKey: randomUUID(),
  });
}
