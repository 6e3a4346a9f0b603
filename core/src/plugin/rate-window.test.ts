import { describe, expect, it } from 'vitest';
import { RateWindow } from './rate-window.js';

describe('RateWindow', () => {
  it('allows `limit` events per window and frees room as old ones leave it', () => {
    let now = 1_000;
    const window = new RateWindow(3, 60_000, () => now);
    expect([window.take(), window.take(), window.take(), window.take()]).toEqual([true, true, true, false]);
    now += 59_999;
    expect(window.take()).toBe(false);
    now += 1;
    expect([window.take(), window.take(), window.take(), window.take()]).toEqual([true, true, true, false]);
  });
});
