import { OpenClawError } from '@openclaw-nodes/core/errors';
import { EXEC_ASK, EXEC_SECURITY, formatZodIssues } from '@openclaw-nodes/core/protocol';
import { forbiddenOverride } from '@openclaw-nodes/core/exec';
import { z } from 'zod';
import { EXEC_HOSTS, type ExecRouting } from './exec-routing.js';
import type { ExecAsk, ExecSecurity } from '@openclaw-nodes/core/exec';

/** Longest command string the exec tool accepts. */
export const MAX_EXEC_COMMAND = 100_000;
/** Default and longest command timeout, seconds. */
export const DEFAULT_EXEC_TIMEOUT_SEC = 1_800;

/**
 * The command timeout a node or the gateway runs with, in whole milliseconds (at least 1):
 * `system.run` reads 0 as "no timeout", so a fraction of a millisecond must not round to it.
 */
export const execTimeoutMs = (timeoutSec: number): number => Math.max(1, Math.ceil(timeoutSec * 1000));
export const MAX_EXEC_TIMEOUT_SEC = 86_400;

/** The `exec` tool's arguments (EXEC.md 2: per-call parameters). */
export const execArgsSchema = z.strictObject({
  command: z.string().trim().min(1, 'command required').max(MAX_EXEC_COMMAND),
  workdir: z.string().trim().min(1).optional(),
  env: z.record(z.string(), z.string()).optional(),
  timeout: z.number().positive().max(MAX_EXEC_TIMEOUT_SEC).optional(),
  host: z.enum(EXEC_HOSTS).optional(),
  security: z.enum(EXEC_SECURITY).optional(),
  ask: z.enum(EXEC_ASK).optional(),
  node: z.string().trim().min(1).optional(),
});

/** `tools.invoke` params, the same over WebSocket and `POST /tools/invoke`. */
export const toolsInvokeSchema = z.strictObject({
  tool: z.string().min(1).optional(),
  /** The real gateway's spelling; wins over `tool` when both are sent. */
  name: z.string().min(1).optional(),
  args: z.unknown().optional(),
  agentId: z.string().trim().min(1).optional(),
  sessionKey: z.string().trim().min(1).optional(),
  idempotencyKey: z.string().optional(),
});

export type ExecArgs = z.output<typeof execArgsSchema>;

/** One exec call, routed and tightened, ready to run on a host. */
export interface ExecRunInput {
  readonly args: ExecArgs;
  readonly routing: ExecRouting;
  readonly security: ExecSecurity;
  readonly ask: ExecAsk;
  readonly agentId: string;
  readonly sessionKey?: string;
  readonly timeoutSec: number;
  /** Who waits for the result (a connection, an HTTP request): an approval it waits for is withdrawn when it leaves. */
  readonly owner?: object;
}
export type ToolsInvokeParams = z.output<typeof toolsInvokeSchema>;

/** Parses with a zod schema or fails with one `INVALID_REQUEST` naming every problem. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new OpenClawError('INVALID_REQUEST', `invalid ${what}: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * Refuses an environment a caller may not set on a gateway or node host (EXEC.md 2), with
 * the real exec tool's wording. The node would drop these silently; refusing here tells the
 * caller why the variable never arrived.
 */
export function checkExecEnv(env: Readonly<Record<string, string>> | undefined): void {
  for (const key of Object.keys(env ?? {})) {
    const why = forbiddenOverride(key);
    if (why === 'path') throw new OpenClawError('EXEC_ENV_FORBIDDEN', "Security Violation: Custom 'PATH' variable is forbidden during host execution.", { details: { key } });
    if (why === 'blocked') throw new OpenClawError('EXEC_ENV_FORBIDDEN', `Security Violation: Environment variable '${key}' is forbidden during host execution.`, { details: { key } });
  }
}
