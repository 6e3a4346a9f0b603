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

  it('keeps waiting on real time in a test that fakes the clock', async () => {
    vi.useFakeTimers();
    try {
      let asked = 0;
      expect(await poll(() => (++asked >= 3 ? asked : undefined), 'a third check')).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
