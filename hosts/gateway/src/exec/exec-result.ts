import { OpenClawError, isErrorCode } from '@openclaw-nodes/core/errors';

/** What `system.run` answers (COMMANDS.md 2.1). */
export interface SystemRunPayload {
  exitCode?: number;
  timedOut?: boolean;
  success?: boolean;
  stdout?: string;
  stderr?: string;
  error?: string | null;
}

/** The exec tool's answer (EXEC.md 6.2: status, exit code, duration, aggregated output). */
export interface ExecToolResult {
  status: 'completed' | 'failed';
  host: 'gateway' | 'node';
  nodeId?: string;
  exitCode?: number;
  timedOut: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  error: string | null;
  /** stdout, stderr and error together: what an agent reads. */
  aggregated: string;
  cwd: string | null;
  warnings?: string[];
}

/** Shapes a `system.run` payload into the exec tool's result. */
export function execResult(payload: SystemRunPayload, extra: { host: 'gateway' | 'node'; nodeId?: string; cwd?: string; startedAt: number; warnings: string[] }): ExecToolResult {
  const stdout = payload.stdout ?? '';
  const stderr = payload.stderr ?? '';
  const error = payload.error ?? null;
  const success = payload.success ?? (payload.exitCode === 0 && !payload.timedOut && !error);
  return {
    status: success ? 'completed' : 'failed',
    host: extra.host,
    ...(extra.nodeId ? { nodeId: extra.nodeId } : {}),
    ...(typeof payload.exitCode === 'number' ? { exitCode: payload.exitCode } : {}),
    timedOut: payload.timedOut === true,
    durationMs: Date.now() - extra.startedAt,
    stdout,
    stderr,
    error,
    aggregated: [stdout, stderr, error].filter(Boolean).join('\n'),
    cwd: extra.cwd ?? null,
    ...(extra.warnings.length > 0 ? { warnings: extra.warnings } : {}),
  };
}

/**
 * A node's refusal (`SYSTEM_RUN_DENIED`, `SYSTEM_RUN_DISABLED`, `PERMISSION_MISSING`, ...)
 * arrives wrapped as `UNAVAILABLE`; the exec tool reports it under the node's own code, so
 * HTTP callers get 403 for a denial rather than 503.
 */
export function unwrapNodeError(err: unknown, nodeId: string): unknown {
  if (!(err instanceof OpenClawError)) return err;
  const nodeError = err.details?.nodeError as { code?: unknown; message?: unknown } | undefined;
  const code = nodeError?.code;
  if (!isErrorCode(code) || code === 'UNAVAILABLE' || typeof nodeError?.message !== 'string') return err;
  return new OpenClawError(code, nodeError.message, { details: { nodeId, nodeError }, cause: err });
}
