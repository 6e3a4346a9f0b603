import { z } from 'zod';
import { timeoutMsSchema } from '@openclaw-nodes/core/timer-bounds';

/** Where an exec tool call runs. */
export const execHostSchema = z.enum(['sandbox', 'gateway', 'node']);
/** How much the exec tool may run without asking: nothing, allowlisted binaries, anything. */
export const execSecuritySchema = z.enum(['deny', 'allowlist', 'full']);
/** When the operator is asked to approve a command. */
export const execAskSchema = z.enum(['off', 'on-miss', 'always']);
/**
 * OpenClaw 2026.9.6's single exec knob (EXEC.md 13). Read so that a config shared with it is
 * never weaker here than there: it can only tighten `security`/`ask` (see `execSection`).
 */
export const execModeSchema = z.enum(['deny', 'allowlist', 'ask', 'auto', 'full']);

/**
 * Per-agent `tools.exec` overrides: every key optional, an unset key falls through to the
 * global `tools.exec` value (precedence: session > agent > global > default, EXEC.md 2).
 */
export const agentExecConfigSchema = z.strictObject({
  // host/security/ask stay unset by default on purpose: their effective default depends on
  // the runtime (sandbox active or not) and is decided when a call is routed.
  host: execHostSchema.optional(),
  security: execSecuritySchema.optional(),
  ask: execAskSchema.optional(),
  mode: execModeSchema.optional(),
  /** Node id, display name or IP, resolved like `--node`. */
  node: z.string().trim().min(1).optional(),
  /** Ignored for host=node: PATH is configured on the node host itself. */
  pathPrepend: z.array(z.string().min(1)).optional(),
  /** Unset means the built-in safe bins; `[]` disables them. */
  safeBins: z.array(z.string().min(1)).optional(),
  notifyOnExit: z.boolean().optional(),
  approvalRunningNoticeMs: timeoutMsSchema.optional(),
});

/** The global `tools.exec` section: the agent keys plus two defaults. */
export const execConfigSchema = agentExecConfigSchema.extend({
  notifyOnExit: z.boolean().default(true),
  /** How long a command may wait for approval before an "Exec running" notice; 0 disables it. */
  approvalRunningNoticeMs: timeoutMsSchema.default(10_000),
  /** How long operators have to answer an exec approval request before askFallback applies, ms. */
  approvalTimeoutMs: z.number().int().min(1_000).max(600_000).optional(),
});

export type ExecHost = z.infer<typeof execHostSchema>;
export type ExecSecurity = z.infer<typeof execSecuritySchema>;
export type ExecAsk = z.infer<typeof execAskSchema>;
export type ExecConfig = z.infer<typeof execConfigSchema>;
export type AgentExecConfig = z.infer<typeof agentExecConfigSchema>;
