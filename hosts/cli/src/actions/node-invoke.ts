import { randomUUID } from 'node:crypto';
import { MAX_TIMER_MS } from '@openclaw-nodes/core/timer-delay';
import { callGateway } from '../gateway/gateway-call.js';
import { resolveTarget } from '../gateway/gateway-target.js';
import type { CliInvokeOptions, CliInvokeResult, CliNodeFlags } from '@openclaw-nodes/core/plugin';
import { progressLine, seconds } from '../format/progress-line.js';
import { findNode } from './nodes-status.js';
import { numberFlag } from './number-flag.js';

/** What the gateway waits for a node when the caller names no invoke timeout. */
const GATEWAY_INVOKE_DEFAULT_MS = 30_000;

/**
 * Resolves `--node`, invokes one command on it and returns the gateway's result.
 * The transport outlives the node's deadline, or a slow answer would be lost on the way.
 */
export async function invokeNode<P>(flags: CliNodeFlags, command: string, params: unknown, defaults: CliInvokeOptions = {}): Promise<CliInvokeResult<P>> {
  const invokeTimeoutMs = flags.invokeTimeout === undefined ? defaults.invokeTimeoutMs : numberFlag('--invoke-timeout', flags.invokeTimeout, { integer: true, min: 1, max: MAX_TIMER_MS });
  const node = await findNode(flags, flags.node);
  const target = await resolveTarget(flags, defaults.timeoutMs ?? 10_000);
  target.timeoutMs = Math.max(target.timeoutMs, (invokeTimeoutMs ?? GATEWAY_INVOKE_DEFAULT_MS) + 10_000);
  const stopProgress = defaults.progress ? showProgress(defaults.progress, flags.json) : () => undefined;
  try {
    return await callGateway<CliInvokeResult<P>>(target, ['operator.write'], 'node.invoke', {
      nodeId: node.nodeId,
      command,
      params,
      ...(invokeTimeoutMs === undefined ? {} : { timeoutMs: invokeTimeoutMs }),
      idempotencyKey: randomUUID(),
    });
  } finally {
    stopProgress();
  }
}

/** `<label> 2.5s / 10.0s` on a terminal while a clip or recording is made; returns the stop. */
function showProgress(progress: NonNullable<CliInvokeOptions['progress']>, json: boolean | undefined): () => void {
  const line = progressLine(process.stderr, json);
  const startedAt = Date.now();
  const draw = () => line.update(`${progress.label} ${seconds(Date.now() - startedAt)} / ${seconds(progress.durationMs)}`);
  draw();
  const timer = setInterval(draw, 250);
  return () => {
    clearInterval(timer);
    line.done();
  };
}
