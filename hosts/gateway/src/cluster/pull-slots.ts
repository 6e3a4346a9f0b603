import { OpenClawError } from '@openclaw-nodes/core/errors';

/** Pulls running at once on this member, from any one holder, and for any one caller (well below a holder's share). */
const MAX_PULLS = 32;
const MAX_PULLS_PER_HOLDER = 8;
const MAX_PULLS_PER_CALLER = 3;
/** How long a pull waits for a slot, ms, and how many wait at most: a short queue, not a backlog. */
const QUEUE_MS = 3_000;
const MAX_QUEUED = 64;

interface Slot { member: string; caller: string | undefined }

/**
 * The slots pulls of media from other members take: bounded in all, per holder and per caller,
 * so that slow readers of one caller cannot take a holder's every slot. A pull finding them full
 * waits up to 3 s for one.
 */
export class PullSlots {
  private readonly held = new Set<Slot>();
  private readonly waiters = new Set<() => void>();

  /**
   * A slot for a pull from `member` for `caller` (undefined: counted against no caller); the
   * function that gives it back (once; harmless again).
   * @throws OpenClawError `CLUSTER_UNAVAILABLE` when none came free in time, or `signal` aborted.
   */
  async take(member: string, caller: string | undefined, signal?: AbortSignal): Promise<() => void> {
    const deadline = Date.now() + QUEUE_MS;
    for (;;) {
      const busy = this.busy(member, caller);
      if (!busy) break;
      const left = deadline - Date.now();
      if (left <= 0 || this.waiters.size >= MAX_QUEUED || signal?.aborted) {
        throw new OpenClawError('CLUSTER_UNAVAILABLE', `${busy}, the most it does at once (waited ${QUEUE_MS} ms for a slot); retry in a few seconds`, { retryable: true });
      }
      await new Promise<void>((resolve) => {
        const wake = () => (clearTimeout(timer), this.waiters.delete(wake), signal?.removeEventListener('abort', wake), resolve());
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
    const slot: Slot = { member, caller };
    this.held.add(slot);
    return () => {
      if (!this.held.delete(slot)) return;
      for (const wake of [...this.waiters]) wake();
    };
  }

  /** What is full for a pull from `member` for `caller`, as a sentence; undefined when a slot is free. */
  private busy(member: string, caller: string | undefined): string | undefined {
    const slots = [...this.held];
    const fromHolder = slots.filter((s) => s.member === member).length;
    const forCaller = caller === undefined ? 0 : slots.filter((s) => s.caller === caller).length;
    if (forCaller >= MAX_PULLS_PER_CALLER) return `this gateway is already fetching ${forCaller} media files from other gateways for you`;
    if (fromHolder >= MAX_PULLS_PER_HOLDER) return `this gateway is already fetching ${fromHolder} media files from the gateway holding this one (cluster member ${member})`;
    if (slots.length >= MAX_PULLS) return `this gateway is already fetching ${slots.length} media files from other gateways`;
    return undefined;
  }
}
