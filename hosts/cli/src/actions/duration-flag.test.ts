import { describe, expect, it } from 'vitest';
import { durationFlag } from './duration-flag.js';

describe('durationFlag', () => {
  it('reads a bare number as milliseconds and the ms, s, m, h and d units in any case, decimals included', () => {
    expect(['3000', '250ms', '10s', '1.5m', '2H', '.5s', '7d'].map((raw) => durationFlag('--duration', raw))).toEqual([3000, 250, 10_000, 90_000, 7_200_000, 500, 604_800_000]);
  });

  it('refuses empty and malformed values with the CLI.md messages', () => {
    expect(() => durationFlag('--duration', ' ')).toThrow('invalid duration (empty)');
    for (const raw of ['5x', '-3s', '1h30m', 's', '1e3', '10 s']) expect(() => durationFlag('--duration', raw), raw).toThrow(`invalid duration: ${raw}`);
  });
});
