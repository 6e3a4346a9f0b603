import { randomUUID } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { APPROVAL_DECISIONS, type ApprovalDecision, type ApprovalQueue, type ApprovalView } from '../exec/approval-queue.js';
import { clusterUnavailable } from './redis-connection.js';

/** How long an operator's answer waits for the member holding the request, ms. */
const ANSWER_WAIT_MS = 3_000;
/** Requests of other members remembered at once (each member holds at most its own bound). */
const MAX_REMOTE = 10_000;

type Send = (member: string, message: Record<string, unknown>) => Promise<void>;
type Answer = { id: string; decision: ApprovalDecision };

/**
 * Exec approval requests waiting on other members: learnt from their relayed
 * `exec.approval.requested|resolved` events, listed with this member's own, and answered by
 * sending the operator's decision to the member where the command waits (the scope check
 * happened here, on the operator's member).
 */
export class RemoteApprovals {
  private readonly views = new Map<string, { member: string; view: ApprovalView; timer: NodeJS.Timeout }>();
  private readonly calls = new Map<string, { settle: (answer: Answer) => void; fail: (err: OpenClawError) => void; timer: NodeJS.Timeout }>();

  constructor(
    private readonly memberId: string,
    private readonly send: Send,
    private readonly local: () => ApprovalQueue | undefined,
  ) {}

  /** An event another member relayed: remembers or forgets the request it names. */
  observe(origin: string, event: string, payload: unknown): void {
    const view = payload as Partial<ApprovalView> | null;
    if (typeof view?.id !== 'string' || view.id.length > 128) return;
    if (event === 'exec.approval.resolved') return this.forget(view.id);
    if (event !== 'exec.approval.requested' || typeof view.expiresAtMs !== 'number' || this.views.size >= MAX_REMOTE || this.views.has(view.id)) return;
    const timer = setTimeout(() => this.forget(view.id!), Math.min(Math.max(view.expiresAtMs - Date.now(), 0), 2 ** 31 - 1));
    timer.unref();
    this.views.set(view.id, { member: origin, view: view as ApprovalView, timer });
  }

  list(): ApprovalView[] {
    return [...this.views.values()].map((v) => v.view);
  }

  /** Answers a request waiting on another member; undefined when no member is known to hold `id`. */
  resolve(id: string, decision: ApprovalDecision, by: string | undefined): Promise<Answer> | undefined {
    const held = this.views.get(id);
    if (!held) return undefined;
    const callId = randomUUID();
    return new Promise<Answer>((settle, fail) => {
      const timer = setTimeout(() => this.finish(callId, clusterUnavailable('answering an exec approval held by another gateway')), ANSWER_WAIT_MS);
      this.calls.set(callId, { settle, fail, timer });
      this.send(held.member, { t: 'approve', from: this.memberId, callId, id, decision, ...(by ? { by } : {}) }).catch((err: unknown) => this.finish(callId, clusterUnavailable('answering an exec approval held by another gateway', err)));
    });
  }

  /** `approve` (an operator's answer for a request here) and `approved` (the reply) messages. */
  handle(message: Record<string, unknown>): void {
    const { t, callId } = message;
    if (typeof callId !== 'string') return;
    if (t === 'approved') {
      const code = message.error === 'APPROVAL_NOT_FOUND' ? 'APPROVAL_NOT_FOUND' : undefined;
      const answer = message.ok === true && typeof message.id === 'string' ? ({ id: message.id, decision: message.decision } as Answer) : undefined;
      this.finish(callId, answer ?? (code ? new OpenClawError(code, String(message.message ?? 'no such exec approval request')) : clusterUnavailable('answering an exec approval held by another gateway')));
      return;
    }
    const { from, id, decision, by } = message;
    if (t !== 'approve' || typeof from !== 'string' || typeof id !== 'string' || !APPROVAL_DECISIONS.includes(decision as ApprovalDecision)) return;
    const who = typeof by === 'string' ? by.slice(0, 256) : undefined;
    let reply: Record<string, unknown>;
    try {
      reply = { ok: true, ...this.local()!.resolve(id, decision as ApprovalDecision, who) };
    } catch (err) {
      const error = OpenClawError.from(err);
      reply = { ok: false, error: error.code, message: error.message };
    }
    void this.send(from, { t: 'approved', callId, ...reply }).catch(() => undefined);
  }

  private finish(callId: string, outcome: Answer | OpenClawError): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    clearTimeout(call.timer);
    if (outcome instanceof OpenClawError) call.fail(outcome);
    else call.settle(outcome);
  }

  private forget(id: string): void {
    const held = this.views.get(id);
    if (held) clearTimeout(held.timer);
    this.views.delete(id);
  }
}
