import type { InvokeContext } from '@openclaw-nodes/core/plugin';
import { TRUNCATED_PREFIX } from './output-tail.js';
import type { RunParams, RunResult } from './run-schemas.js';

/** Characters of output an `exec.finished` event carries (the tail). */
export const EVENT_OUTPUT_TAIL = 20_000;

/** Why a `system.run` was refused, as `exec.denied` reports it (PROTOCOL.md 10.5). */
export type DenyReason = 'security=deny' | 'approval-required' | 'allowlist-miss' | 'user-denied' | 'execution-plan-miss' | 'permission:screenRecording';

/** The fields every exec event of one run shares. */
function base(params: RunParams, ctx: InvokeContext, commandText: string) {
  return {
    sessionKey: params.sessionKey ?? 'node',
    runId: params.runId ?? ctx.invokeId,
    host: 'node',
    command: commandText,
  };
}

/** Sends `exec.denied`; the gateway receives it before the invoke result. */
export function emitDenied(ctx: InvokeContext, params: RunParams, commandText: string, reason: DenyReason): void {
  ctx.emitEvent('exec.denied', { ...base(params, ctx, commandText), reason, suppressNotifyOnExit: params.suppressNotifyOnExit ?? false });
}

/** Sends `exec.finished` with the tail of stdout, stderr and error combined. */
export function emitFinished(ctx: InvokeContext, params: RunParams, commandText: string, result: RunResult): void {
  const combined = [result.stdout, result.stderr, result.error].filter(Boolean).join('\n').trim();
  const output = combined.length > EVENT_OUTPUT_TAIL ? TRUNCATED_PREFIX + combined.slice(combined.length - EVENT_OUTPUT_TAIL) : combined;
  ctx.emitEvent('exec.finished', {
    ...base(params, ctx, commandText),
    ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
    timedOut: result.timedOut,
    success: result.success,
    output,
    suppressNotifyOnExit: params.suppressNotifyOnExit ?? false,
  });
}
