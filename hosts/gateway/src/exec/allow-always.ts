import type { ApprovalRequestView } from './approval-queue.js';

/** What "allow always" on a request would add to the allowlist of the machine that runs it. */
export interface AllowAlwaysCoverage {
  /** Every program of the command is in `programs` (it could be analysed). */
  readonly complete: boolean;
  /** That machine's security is `allowlist`, the only mode in which it adds entries. */
  readonly persists: boolean;
}

/**
 * The programs "allow always" makes the machine add (EXEC.md 7.6): every program of every
 * chain part and pipeline stage, or none when the command cannot be analysed or the machine
 * does not keep an allowlist.
 */
export function allowAlwaysAdds(request: ApprovalRequestView, coverage: AllowAlwaysCoverage): readonly string[] {
  return coverage.complete && coverage.persists ? request.programs : [];
}

/** Why "allow always" added nothing, in words for the operator. */
export function nothingAdded(request: ApprovalRequestView, coverage: AllowAlwaysCoverage): string {
  if (!coverage.persists) return `allowed once: the ${request.host === 'gateway' ? 'gateway' : 'node'} adds allowlist entries only under security=allowlist`;
  return 'allowed once: the command could not be analysed (a redirect, a substitution, or a program that does not resolve) or it runs a shell, interpreter or wrapper (sh script.sh, python3, timeout, xargs, …) whose entry would let anything run, so no allowlist entry can cover it';
}

/**
 * Whether a waiting request is now covered by the entries an "allow always" on `always`
 * added: same machine and agent, every one of its programs among them, and no `ask=always`
 * (which asks whatever the allowlist says).
 */
export function coveredBy(always: ApprovalRequestView, added: readonly string[], other: ApprovalRequestView, coverage: AllowAlwaysCoverage): boolean {
  const set = new Set(added);
  const sameTarget = other.host === always.host && other.nodeId === always.nodeId && other.agentId === always.agentId;
  return sameTarget && other.ask !== 'always' && coverage.complete && other.programs.length > 0 && other.programs.every((program) => set.has(program));
}
