import { OpenClawError } from '@openclaw-nodes/core/errors';
import { EXEC_ASK, EXEC_SECURITY, formatZodIssues } from '@openclaw-nodes/core/protocol';
import type { ExecAsk, ExecSecurity } from '@openclaw-nodes/core/exec';
import { z } from 'zod';

/** Longest path (cwd, program) a node may put in front of an operator, in characters (Linux PATH_MAX). */
export const MAX_PLAN_PATH = 4_096;
/** Most programs one plan may name: a long pipeline, not a flood for every operator's screen. */
export const MAX_PLAN_PROGRAMS = 64;

const path = z
  .string()
  .max(MAX_PLAN_PATH, `at most ${MAX_PLAN_PATH} characters`)
  .refine((p) => !p.includes('\u0000'), 'no NUL character');

/**
 * The part of a `system.run.prepare` answer the gateway uses. Everything in it reaches every
 * operator's prompt, so each field is typed and bounded; other fields the node adds are ignored.
 */
const preparedSchema = z.looseObject({
  // OpenClaw 2026.9.6 node hosts send none: their policy still counts, but nothing binds an approval.
  planHash: z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256 (64 lowercase hex digits)').optional(),
  plan: z
    .looseObject({
      cwd: path.nullish(),
      policySnapshot: z.looseObject({ askFallback: z.enum(EXEC_SECURITY) }).optional(),
    })
    .optional(),
  execPolicy: z.looseObject({ security: z.enum(EXEC_SECURITY), ask: z.enum(EXEC_ASK) }).optional(),
  allowAlwaysCoverage: z
    .looseObject({ complete: z.boolean(), patterns: z.array(z.looseObject({ pattern: path })).max(MAX_PLAN_PROGRAMS, `at most ${MAX_PLAN_PROGRAMS} programs`) })
    .optional(),
  allowlistSatisfied: z.boolean().optional(),
});

/** A node's prepared plan, checked: what an approval is bound to and what the prompt shows. */
export interface PreparedPlan {
  /** SHA-256 (hex) the node binds the approval to; absent, no approval can be bound to the plan. */
  readonly planHash?: string;
  readonly cwd: string | null;
  /** Real paths of the programs the command runs, as the node resolved them. */
  readonly programs: readonly string[];
  /** Whether `programs` names every program (the command could be analysed). */
  readonly complete: boolean;
  /** The node's own policy for this agent, when it says (a node that does not cannot tighten). */
  readonly policy?: { readonly security: ExecSecurity; readonly ask: ExecAsk; readonly askFallback?: ExecSecurity };
  /** Whether the node's allowlist (with its safe bins) covers the command, when it says. */
  readonly satisfied?: boolean;
}

/**
 * Checks a `system.run.prepare` answer.
 * @throws OpenClawError `EXEC_PLAN_INVALID` naming the first problem.
 */
export function readPlan(answer: unknown): PreparedPlan {
  const parsed = preparedSchema.safeParse(answer);
  if (!parsed.success) {
    // The first few issues, cut short: a node can make thousands of them.
    const problem = formatZodIssues(parsed.error.issues.slice(0, 3)).slice(0, 500);
    throw new OpenClawError('EXEC_PLAN_INVALID', `the node answered system.run.prepare with an invalid plan (${problem}); nobody was asked to approve it`, { details: { problem } });
  }
  const { planHash, plan, execPolicy, allowAlwaysCoverage, allowlistSatisfied } = parsed.data;
  const askFallback = plan?.policySnapshot?.askFallback;
  return {
    ...(planHash === undefined ? {} : { planHash }),
    cwd: plan?.cwd ?? null,
    programs: [...new Set((allowAlwaysCoverage?.patterns ?? []).map((p) => p.pattern))],
    complete: allowAlwaysCoverage?.complete ?? false,
    ...(execPolicy ? { policy: { security: execPolicy.security, ask: execPolicy.ask, ...(askFallback ? { askFallback } : {}) } } : {}),
    ...(allowlistSatisfied === undefined ? {} : { satisfied: allowlistSatisfied }),
  };
}
