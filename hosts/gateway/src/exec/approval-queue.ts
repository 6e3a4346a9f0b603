import { randomUUID } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { Hub } from '../hub.js';
import { ApprovalClaims } from './approval-claims.js';
import { allowAlwaysAdds, coveredBy, nothingAdded, type AllowAlwaysCoverage } from './allow-always.js';

/** An operator's answer to an exec approval request (EXEC.md 6.2). */
export const APPROVAL_DECISIONS = ['allow-once', 'allow-always', 'deny'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** Most requests one node may have waiting: a busy agent cannot bury the operator in prompts. */
export const MAX_PENDING_PER_NODE = 8;
/** Most requests waiting on the whole gateway, whatever the nodes. */
export const MAX_PENDING_TOTAL = 64;
/** Longest command text a request shows; the plan hash binds the rest. */
export const MAX_SHOWN_COMMAND = 4_000;

/** What an operator sees of one request: the `request` of `exec.approval.requested`. */
export interface ApprovalRequestView {
  readonly command: string;
  /** The program the node resolved (its real path), when there is one. */
  readonly resolvedPath: string | null;
  /** Every program the command runs, as the node resolved them (a chain or pipeline has several). */
  readonly programs: readonly string[];
  readonly cwd: string | null;
  readonly host: 'node' | 'gateway';
  /** The node that runs it; null for `host=gateway`. */
  readonly nodeId: string | null;
  readonly nodeName: string | null;
  readonly agentId: string;
  readonly sessionKey: string | null;
  readonly security: string;
  readonly ask: string;
  /** SHA-256 of the plan the node prepared; the node refuses to run anything else under this approval. */
  readonly planHash: string;
}

/** One pending request as `exec.approval.list` and the event give it. */
export interface ApprovalView {
  readonly id: string;
  readonly request: ApprovalRequestView;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
}

/** An operator's answer as `exec.approval.resolve` gives it back. */
export interface ResolveResult {
  readonly id: string;
  readonly decision: ApprovalDecision;
  /** allow-always: the programs the node adds to the agent's allowlist (empty: nothing, see `note`). */
  readonly allowlisted?: readonly string[];
  /** allow-always: other waiting requests it covers, approved with it. */
  readonly alsoApproved?: readonly string[];
  readonly note?: string;
}

interface Pending {
  readonly view: ApprovalView;
  readonly coverage: AllowAlwaysCoverage;
  readonly settle: (decision: ApprovalDecision | undefined) => void;
  readonly fail: (err: Error) => void;
  readonly timer: NodeJS.Timeout;
  /** The caller waiting for the answer (its connection), when one is. */
  readonly owner?: object;
}

/**
 * The exec approval requests waiting for an operator. Each is answered once — by an
 * operator (`resolve`) or by its expiry — and then forgotten, so an id can never be answered
 * twice or reused for another run. Events go to operators with `operator.approvals` only
 * (`Hub` knows which events need which scope).
 *
 * @example
 * const { view, decision } = queue.open(request, 120_000);
 * const answer = await decision; // 'allow-once' | 'allow-always' | 'deny' | undefined (expired)
 */
export class ApprovalQueue {
  private readonly pending = new Map<string, Pending>();
  /** Answers callers asked for themselves, waiting for their `system.run`. */
  readonly claims = new ApprovalClaims();

  constructor(private readonly hub: Hub) {}

  /**
   * Opens a request and broadcasts `exec.approval.requested`.
   * @param timeoutMs how long operators have, ms.
   * @param owner the caller waiting for the answer; `withdrawFor(owner)` when it leaves.
   * @throws OpenClawError `EXEC_APPROVALS_FULL` when the node or the gateway has too many waiting.
   */
  open(request: ApprovalRequestView, timeoutMs: number, coverage: AllowAlwaysCoverage = { complete: false, persists: false }, owner?: object): { view: ApprovalView; decision: Promise<ApprovalDecision | undefined> } {
    const forNode = [...this.pending.values()].filter((p) => p.view.request.nodeId === request.nodeId).length;
    if (forNode >= MAX_PENDING_PER_NODE || this.pending.size >= MAX_PENDING_TOTAL) {
      const limit = forNode >= MAX_PENDING_PER_NODE ? `${MAX_PENDING_PER_NODE} for this node` : `${MAX_PENDING_TOTAL} on this gateway`;
      throw new OpenClawError('EXEC_APPROVALS_FULL', `exec denied: too many commands are waiting for approval (at most ${limit}); answer or let some expire first`, {
        details: { nodeId: request.nodeId, pendingForNode: forNode, pendingTotal: this.pending.size },
      });
    }
    const now = Date.now();
    const shown = request.command.length > MAX_SHOWN_COMMAND ? `${request.command.slice(0, MAX_SHOWN_COMMAND)}… (truncated)` : request.command;
    const view: ApprovalView = { id: randomUUID(), request: { ...request, command: shown }, createdAtMs: now, expiresAtMs: now + timeoutMs };
    const decision = new Promise<ApprovalDecision | undefined>((resolve, reject) => {
      const timer = setTimeout(() => this.finish(view.id, undefined, 'expired'), timeoutMs);
      timer.unref();
      this.pending.set(view.id, { view, coverage, settle: resolve, fail: reject, timer, ...(owner ? { owner } : {}) });
    });
    this.hub.broadcast('exec.approval.requested', view);
    return { view, decision };
  }

  /** Requests still waiting, oldest first. */
  list(): ApprovalView[] {
    return [...this.pending.values()].map((p) => p.view);
  }

  /**
   * An operator's answer. The request is gone afterwards, so a second answer finds nothing.
   * @throws OpenClawError `APPROVAL_NOT_FOUND` for an id that is unknown, answered or expired.
   */
  resolve(id: string, decision: ApprovalDecision, resolvedBy: string | undefined): ResolveResult {
    const entry = this.pending.get(id);
    if (!entry) {
      throw new OpenClawError('APPROVAL_NOT_FOUND', `no exec approval request ${id} is waiting: it was answered already, expired, or never existed (see openclaw approvals pending)`, { details: { id } });
    }
    this.finish(id, decision, resolvedBy ?? 'operator');
    if (decision !== 'allow-always') return { id, decision };
    const added = allowAlwaysAdds(entry.view.request, entry.coverage);
    if (added.length === 0) return { id, decision, allowlisted: [], note: nothingAdded(entry.view.request, entry.coverage) };
    // Waiting requests the new entries cover would run without anyone now: let them go.
    const covered = [...this.pending.values()].filter((p) => coveredBy(entry.view.request, added, p.view.request, p.coverage));
    for (const p of covered) this.finish(p.view.id, 'allow-once', `allow-always ${id}`, 'allowlisted');
    return { id, decision, allowlisted: added, alsoApproved: covered.map((p) => p.view.id) };
  }

  /**
   * Withdraws a waiting request whose caller gave up on it (`reason`, e.g. `mcp-call-cancelled`):
   * its waiter fails with `EXEC_DENIED`, operators see it resolved with that reason, a later
   * answer finds nothing. False when it no longer waits.
   */
  withdraw(id: string, reason: string): boolean {
    if (!this.pending.has(id)) return false;
    this.finish(id, new OpenClawError('EXEC_DENIED', `exec approval ${id} was withdrawn (${reason}) before an operator answered; nothing ran`, { details: { approvalId: id, reason } }), reason);
    return true;
  }

  /**
   * Withdraws the requests `owner` waits for (its connection closed, Ctrl-C on `nodes run`):
   * nothing would run for an answer, so an operator answering gets `APPROVAL_NOT_FOUND`
   * instead of a success that never happens, and the node's slots are free again. Operators
   * see `exec.approval.resolved {decision: null, reason: "caller-gone"}`.
   */
  withdrawFor(owner: object): void {
    const gone = [...this.pending.values()].filter((p) => p.owner === owner);
    for (const p of gone) this.finish(p.view.id, new OpenClawError('EXEC_DENIED', 'exec denied: the caller left before an operator answered'), 'caller-gone');
    this.claims.dropFor(owner);
  }

  /** Fails every waiting request (gateway stopping): nothing is sent to a node on the way down. */
  close(): void {
    for (const id of [...this.pending.keys()]) this.finish(id, new OpenClawError('UNAVAILABLE', 'gateway stopping before the exec approval was answered'), 'gateway-stopping');
  }

  private finish(id: string, decision: ApprovalDecision | Error | undefined, by: string, reason = 'operator'): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    if (decision instanceof Error) {
      entry.fail(decision);
      decision = undefined;
    } else {
      entry.settle(decision);
    }
    this.hub.broadcast('exec.approval.resolved', { id, decision: decision ?? null, resolvedBy: decision ? by : null, reason: decision ? reason : by, ts: Date.now() });
  }
}
