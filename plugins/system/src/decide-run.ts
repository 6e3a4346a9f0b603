import type { ErrorCode } from '@openclaw-nodes/core/errors';
import { minSecurity, requiresAsk, type CommandEvaluation, type ExecPolicy, type ExecSecurity } from '@openclaw-nodes/core/exec';
import type { DenyReason } from './exec-events.js';

export type RunDecision =
  | { readonly run: false; readonly reason: DenyReason; readonly code: ErrorCode; readonly message: string }
  | { readonly run: true; readonly evaluation?: CommandEvaluation; readonly allowAlways: boolean };

export interface DecideInput {
  readonly policy: ExecPolicy;
  /** Judges the command against the allowlist; called only when the decision needs it. */
  readonly evaluate: () => CommandEvaluation;
  readonly approved?: boolean;
  readonly approvalDecision?: 'allow-once' | 'allow-always' | 'deny';
  readonly needsScreenRecording?: boolean;
}

const deny = (reason: DenyReason, code: ErrorCode, message: string): RunDecision => ({ run: false, reason, code, message });

/**
 * The node's decision on one `system.run` (EXEC.md 6.4), in its order: `deny` security
 * first; then the ask policy — a headless node has nobody to ask, so an unapproved request
 * that would need a prompt gets `askFallback` (deny → "approval required", allowlist → the
 * allowlist decides, full → runs as if allowed once); then the allowlist; then the screen
 * recording permission, which a node host without the macOS app never has. An approval only
 * counts when the gateway vouched for it; it skips the allowlist but never `deny`.
 *
 * @example
 * decideRun({ policy, evaluate: () => evaluateCommand(argv, opts) });
 * // { run: false, reason: 'allowlist-miss', code: 'SYSTEM_RUN_DENIED', message: 'SYSTEM_RUN_DENIED: allowlist miss' }
 */
export function decideRun(input: DecideInput): RunDecision {
  const { policy } = input;
  if (input.approvalDecision === 'deny') return deny('user-denied', 'SYSTEM_RUN_DENIED', 'SYSTEM_RUN_DENIED: user denied');
  if (policy.security === 'deny') return deny('security=deny', 'SYSTEM_RUN_DISABLED', 'SYSTEM_RUN_DISABLED: security=deny');
  let security: ExecSecurity = policy.security;
  let approved = input.approved === true || input.approvalDecision === 'allow-once' || input.approvalDecision === 'allow-always';
  let evaluation = security === 'allowlist' ? input.evaluate() : undefined;
  if (!approved && requiresAsk(security, policy.ask, evaluation?.satisfied ?? false)) {
    if (policy.askFallback === 'deny') return deny('approval-required', 'SYSTEM_RUN_DENIED', 'SYSTEM_RUN_DENIED: approval required');
    if (policy.askFallback === 'full') approved = true;
    else security = minSecurity(security, 'allowlist');
  }
  if (security === 'allowlist') evaluation ??= input.evaluate();
  if (security === 'allowlist' && !approved && !evaluation!.satisfied) return deny('allowlist-miss', 'SYSTEM_RUN_DENIED', 'SYSTEM_RUN_DENIED: allowlist miss');
  if (input.needsScreenRecording) return deny('permission:screenRecording', 'PERMISSION_MISSING', 'PERMISSION_MISSING: screenRecording');
  const allowAlways = input.approvalDecision === 'allow-always' && security === 'allowlist' && evaluation!.analysisOk;
  return { run: true, evaluation, allowAlways };
}
