import { describe, expect, it, vi } from 'vitest';
import { poll } from './poll.js';

describe('poll', () => {
  it('returns the first answer that is not undefined, asking again after "not yet" and after errors', async () => {
    const answers = [undefined, new Error('not up'), 'ready'];
    const value = await poll(() => {
      const next = answers.shift();
      if (next instanceof Error) throw next;
      return next;
    }, 'the answer');
    expect(value).toBe('ready');
    expect(answers).toEqual([]);
  });

  it('fails naming what it waited for and the last check, an expect inside the check showing the value seen', async () => {
    const seen = { count: 1 };
    await expect(poll(() => (expect(seen.count).toBe(2), true), 'the count reaching 2', { timeoutMs: 300, intervalMs: 20 })).rejects.toThrow(
      /^the count reaching 2 did not happen within 300 ms; last check: expected 1 to be 2/,
    );
    await expect(poll(() => undefined, 'an answer', { timeoutMs: 100, intervalMs: 20 })).rejects.toThrow('an answer did not happen within 100 ms; last check: no answer yet');
  });

  it('runs a check to its end even when it outlasts the limit, so one slow probe still counts', async () => {
    const slow = () => new Promise<string>((resolve) => setTimeout(resolve, 100, 'answered'));
    expect(await poll(slow, 'a slow answer', { timeoutMs: 1 })).toBe('answered');
  });

  it('waits on real time in a test that fakes the clock, leaving that clock where it was', async () => {
    vi.useFakeTimers();
    try {
      const now = Date.now();
      let asked = 0;
      expect(await poll(() => (++asked >= 3 ? asked : undefined), 'a third check')).toBe(3);
      expect(Date.now()).toBe(now);
    } finally {
      vi.useRealTimers();
    }
  });
});
