import { describe, expect, it } from 'vitest';
import { OneAtATime } from './one-at-a-time.js';

describe('OneAtATime', () => {
  it('never overlaps two operations and refuses past the waiting bound', async () => {
    const queue = new OneAtATime(3);
    let running = 0;
    let most = 0;
    const op = () =>
      queue.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        return 'sent';
      });
    const results = await Promise.allSettled(Array.from({ length: 6 }, op));
    expect(most).toBe(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => r.reason.code)).toEqual(['SMS_UNAVAILABLE', 'SMS_UNAVAILABLE', 'SMS_UNAVAILABLE']);
    expect(refused[0].reason.message).toMatch(/^SMS_UNAVAILABLE: the modem is busy/);
  });

  it('keeps going after an operation fails', async () => {
    const queue = new OneAtATime(2);
    await expect(queue.run(async () => Promise.reject(new Error('modem said no')))).rejects.toThrow('modem said no');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });
});
