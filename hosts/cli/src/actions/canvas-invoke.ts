import { randomUUID } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { MAX_TIMER_MS } from '@openclaw-nodes/core/timer-delay';
import { callGateway } from '../gateway/gateway-call.js';
import { resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { findNode } from './nodes-status.js';

export interface CanvasFlags extends GatewayFlags {
  node: string;
  invokeTimeout?: string;
}

/** The gateway's answer to `node.invoke` (COMMANDS.md 1.1). */
export interface InvokeResult<P = unknown> {
  ok: boolean;
  nodeId: string;
  command: string;
  payload: P;
  payloadJSON: string | null;
}

/** What the gateway waits for a node when the caller names no invoke timeout. */
const GATEWAY_INVOKE_DEFAULT_MS = 30_000;

/**
 * Resolves `--node`, invokes one canvas command on it and returns the gateway's result.
 * The transport outlives the node's deadline, or a slow answer would be lost on the way.
 */
export async function invokeCanvas<P>(flags: CanvasFlags, command: string, params: unknown, defaults: { invokeTimeoutMs?: number; timeoutMs?: number } = {}): Promise<InvokeResult<P>> {
  const invokeTimeoutMs = flags.invokeTimeout === undefined ? defaults.invokeTimeoutMs : numberFlag('--invoke-timeout', flags.invokeTimeout, { integer: true, min: 1, max: MAX_TIMER_MS });
  const node = await findNode(flags, flags.node);
  const target = await resolveTarget(flags, defaults.timeoutMs ?? 10_000);
  target.timeoutMs = Math.max(target.timeoutMs, (invokeTimeoutMs ?? GATEWAY_INVOKE_DEFAULT_MS) + 10_000);
  return callGateway<InvokeResult<P>>(target, ['operator.write'], 'node.invoke', {
    nodeId: node.nodeId,
    command,
    params,
    ...(invokeTimeoutMs === undefined ? {} : { timeoutMs: invokeTimeoutMs }),
    idempotencyKey: randomUUID(),
  });
}

/**
 * A numeric flag, strictly: the whole value must be a finite number in range. An explicit
 * empty value is an error too (CLI.md 1.3, as 2026.9.6 checks).
 */
export function numberFlag(name: string, raw: string, { integer = false, min, max }: { integer?: boolean; min?: number; max?: number } = {}): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  const kind = integer ? 'an integer' : 'a number';
  const range = min !== undefined && max !== undefined ? ` between ${min} and ${max}` : min !== undefined ? ` >= ${min}` : max !== undefined ? ` <= ${max}` : '';
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || (min !== undefined && value < min) || (max !== undefined && value > max)) {
    throw new OpenClawError('CLI_USAGE', `${name} must be ${kind}${range}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
