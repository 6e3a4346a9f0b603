import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { ApprovalFields } from './ask-operator.js';

/** How long an answer waits for its `system.run` after the request expired, ms. */
export const CLAIM_GRACE_MS = 60_000;
/** Most answers kept for callers at once; the oldest goes first. */
export const MAX_CLAIMS = 256;

interface Claim {
  readonly owner: object;
  readonly nodeId: string;
  readonly fingerprint: string;
  readonly fields: Promise<ApprovalFields>;
  readonly timer: NodeJS.Timeout;
}

/** The parts of a `system.run` an approval asked by a caller is for. */
export interface ClaimedRun {
  readonly command?: unknown;
  readonly rawCommand?: unknown;
  readonly cwd?: unknown;
  readonly env?: unknown;
  readonly agentId?: unknown;
}

/**
 * Approvals a caller asked for itself (`exec.approval.request`, used by `openclaw nodes run`)
 * before sending the command with `node.invoke`. The `system.run` that names the request as
 * its `runId` waits for the answer and gets the approval fields — once, only on the
 * connection that asked, only for that node and the same command, cwd, env and agent (the
 * node checks the plan hash on top).
 */
export class ApprovalClaims {
  private readonly claims = new Map<string, Claim>();

  /** Keeps `fields` (the answer, mapped) for `owner` until taken or `expiresAtMs` + grace. */
  add(id: string, owner: object, nodeId: string, run: ClaimedRun, fields: Promise<ApprovalFields>, expiresAtMs: number): void {
    fields.catch(() => undefined); // a denial nobody takes is not an unhandled rejection
    if (this.claims.size >= MAX_CLAIMS) this.drop(this.claims.keys().next().value!);
    const timer = setTimeout(() => this.drop(id), Math.max(0, expiresAtMs - Date.now()) + CLAIM_GRACE_MS);
    timer.unref();
    this.claims.set(id, { owner, nodeId, fingerprint: fingerprint(run), fields, timer });
  }

  has(id: unknown): id is string {
    return typeof id === 'string' && this.claims.has(id);
  }

  /**
   * Waits for the answer to request `id` and hands its approval fields over, once.
   * @throws OpenClawError `APPROVAL_NOT_FOUND` (unknown, used, or another caller's),
   *   `INVALID_REQUEST` (another node or command), or the answer's `EXEC_DENIED`.
   */
  take(id: string, owner: object, nodeId: string, run: ClaimedRun): Promise<ApprovalFields> {
    const claim = this.claims.get(id);
    if (!claim || claim.owner !== owner) {
      throw new OpenClawError('APPROVAL_NOT_FOUND', `no exec approval ${id} was asked for on this connection, or it was used already`, { details: { id } });
    }
    if (claim.nodeId !== nodeId || claim.fingerprint !== fingerprint(run)) {
      throw new OpenClawError('INVALID_REQUEST', `exec approval ${id} was asked for another node or command; ask again for this one`, { details: { id, reason: 'approval-request-mismatch' } });
    }
    this.drop(id);
    return claim.fields;
  }

  /** Forgets every answer kept for `owner` (its connection closed): nobody can take them. */
  dropFor(owner: object): void {
    for (const [id, claim] of this.claims) if (claim.owner === owner) this.drop(id);
  }

  private drop(id: string): void {
    const claim = this.claims.get(id);
    if (!claim) return;
    clearTimeout(claim.timer);
    this.claims.delete(id);
  }
}

function fingerprint(run: ClaimedRun): string {
  const env = run.env && typeof run.env === 'object' ? Object.entries(run.env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : null;
  return JSON.stringify([run.command ?? null, run.rawCommand ?? null, run.cwd ?? null, env, run.agentId ?? null]);
}
