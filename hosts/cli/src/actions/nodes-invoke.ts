import { randomUUID } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { callGateway } from '../gateway/gateway-call.js';
import { parseTimeout, resolveTarget, type GatewayFlags } from '../gateway/gateway-target.js';
import { printJson } from '../format/table.js';
import { findNode } from './nodes-status.js';

export interface InvokeFlags extends GatewayFlags {
  node: string;
  command: string;
  params?: string;
  invokeTimeout?: string;
  idempotencyKey?: string;
}

/** `openclaw nodes invoke`: a raw command on a node; prints the gateway's JSON result. */
export async function nodesInvoke(flags: InvokeFlags): Promise<void> {
  let params: unknown = {};
  if (flags.params !== undefined) {
    try {
      params = JSON.parse(flags.params);
    } catch {
      throw new OpenClawError('CLI_USAGE', '--params must be valid JSON.');
    }
  }
  if (flags.idempotencyKey === '') throw new OpenClawError('CLI_USAGE', '--idempotency-key must not be empty');
  const invokeTimeoutMs = parseTimeout(flags.invokeTimeout, 15_000, '--invoke-timeout');
  const node = await findNode(flags, flags.node);
  const target = await resolveTarget(flags, 30_000);
  // The transport must outlive the node's own deadline, or the answer would be lost.
  target.timeoutMs = Math.max(target.timeoutMs, invokeTimeoutMs + 10_000);
  const result = await callGateway(target, ['operator.write'], 'node.invoke', {
    nodeId: node.nodeId,
    command: flags.command,
    params,
    timeoutMs: invokeTimeoutMs,
    idempotencyKey: flags.idempotencyKey ?? randomUUID(),
  });
  printJson(result);
}
