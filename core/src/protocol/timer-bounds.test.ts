import { describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, timeoutMsSchema, timerDelay } from './timer-bounds.js';
import { NodeInvokeParamsSchema, NodeInvokeRequestEventSchema } from './node-invoke.js';

describe('timer bounds', () => {
  it('refuses a timeout a Node timer cannot hold, and accepts the largest one it can', () => {
    expect(timeoutMsSchema.safeParse(MAX_TIMER_MS).success).toBe(true);
    const refused = timeoutMsSchema.safeParse(2 ** 31);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain(`at most ${MAX_TIMER_MS} ms`);
    const base = { nodeId: 'n', command: 'system.which', idempotencyKey: 'k' };
    expect(NodeInvokeParamsSchema.safeParse({ ...base, timeoutMs: 2 ** 31 }).success).toBe(false);
    expect(NodeInvokeRequestEventSchema.safeParse({ id: 'i', nodeId: 'n', command: 'c', timeoutMs: 2 ** 40 }).success).toBe(false);
  });

  it('clamps a delay into what setTimeout keeps', () => {
    expect(timerDelay(2 ** 31)).toBe(MAX_TIMER_MS);
    expect(timerDelay(Number.POSITIVE_INFINITY)).toBe(MAX_TIMER_MS);
    expect(timerDelay(1_500)).toBe(1_500);
    expect(timerDelay(-5)).toBe(0);
    expect(timerDelay(Number.NaN)).toBe(0);
  });

  it('keeps a clamped timer pending instead of letting it fire at once', () => {
    // Fake timers overflow a delay past 2^31-1 ms to 1 ms, as Node does.
    vi.useFakeTimers();
    try {
      let fired = false;
      setTimeout(() => (fired = true), timerDelay(2 ** 32));
      vi.advanceTimersByTime(24 * 60 * 60_000);
      expect(fired).toBe(false);
      vi.advanceTimersByTime(MAX_TIMER_MS);
      expect(fired).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
