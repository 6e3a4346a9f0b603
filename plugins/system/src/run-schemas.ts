import { EXEC_ASK, EXEC_SECURITY, timeoutMsSchema } from '@openclaw-nodes/core/protocol';
import { z } from 'zod';

/** Most argv words one `system.run` may carry; bounds analysis work per call. */
export const MAX_ARGV = 4096;
/** Longest shell text analysed (rawCommand or a shell wrapper's script), in characters. */
export const MAX_COMMAND_TEXT = 100_000;

// The wire text the real node host answers with; clients match on it.
const COMMAND_REQUIRED = 'command required';
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? undefined);

/**
 * `system.run` params (COMMANDS.md 2.1, PROTOCOL.md 10.1). Unknown fields the real gateway
 * adds (`systemRunPlan`, `turnSource*`, ...) are ignored rather than refused, as the real
 * node host does. `security` and `ask` can only tighten this node's own policy.
 */
export const runParams = z.object(
  {
    command: z
      .array(z.string().max(MAX_COMMAND_TEXT, `at most ${MAX_COMMAND_TEXT} characters`), { error: COMMAND_REQUIRED })
      .min(1, COMMAND_REQUIRED)
      .max(MAX_ARGV, `at most ${MAX_ARGV} words`),
    rawCommand: optional(z.string().max(MAX_COMMAND_TEXT, `at most ${MAX_COMMAND_TEXT} characters`)),
    cwd: optional(z.string()).transform((cwd) => cwd?.trim() || undefined),
    env: optional(z.record(z.string(), z.string())),
    timeoutMs: optional(timeoutMsSchema),
    needsScreenRecording: optional(z.boolean()),
    agentId: optional(z.string().trim().min(1)),
    sessionKey: optional(z.string()),
    approved: optional(z.boolean()),
    approvalDecision: optional(z.enum(['allow-once', 'allow-always', 'deny'])),
    runId: optional(z.string()),
    suppressNotifyOnExit: optional(z.boolean()),
    security: optional(z.enum(EXEC_SECURITY)),
    ask: optional(z.enum(EXEC_ASK)),
    /** The `planHash` of `system.run.prepare` an approval was given for; any difference refuses the run. */
    planHash: optional(z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256')),
  },
  { error: COMMAND_REQUIRED },
);

/** `system.run` result: `exitCode` is absent when the process could not be started. */
export const runResult = z.object({
  exitCode: z.number().int().optional(),
  timedOut: z.boolean(),
  success: z.boolean(),
  stdout: z.string(),
  stderr: z.string(),
  error: z.string().nullable(),
});

/** `system.run.prepare` params: the command and context of a later `system.run`. */
export const prepareParams = runParams.pick({ command: true, rawCommand: true, cwd: true, env: true, agentId: true, sessionKey: true, security: true, ask: true });

/** `system.run.prepare` result, shaped as the real node host answers (PROTOCOL.md 10.2). */
export const prepareResult = z.object({
  planHash: z.string(),
  plan: z.object({
    argv: z.array(z.string()),
    cwd: z.string().nullable(),
    commandText: z.string(),
    commandPreview: z.string().nullable(),
    agentId: z.string().nullable(),
    sessionKey: z.string().nullable(),
    policySnapshot: z.object({
      security: z.enum(EXEC_SECURITY),
      ask: z.enum(EXEC_ASK),
      askFallback: z.enum(EXEC_SECURITY),
      autoAllowSkills: z.boolean(),
      allowlistRules: z.array(z.object({ pattern: z.string() })),
    }),
  }),
  execPolicy: z.object({ security: z.enum(EXEC_SECURITY), ask: z.enum(EXEC_ASK) }),
  allowAlwaysCoverage: z.object({ complete: z.boolean(), patterns: z.array(z.object({ pattern: z.string() })) }),
  /** Whether this node's allowlist (and safe bins) covers the command without an approval. */
  allowlistSatisfied: z.boolean(),
});

export type RunParams = z.output<typeof runParams>;
export type RunResult = z.output<typeof runResult>;
export type PrepareParams = z.output<typeof prepareParams>;
export type PrepareResult = z.output<typeof prepareResult>;
