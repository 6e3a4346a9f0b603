import { describe, expect, it } from 'vitest';
import { parseTimeout } from './gateway-target.js';

describe('parseTimeout', () => {
  it('takes a positive integer up to the longest timer, naming the flag otherwise', () => {
    expect(parseTimeout(undefined, 10_000)).toBe(10_000);
    expect(parseTimeout('2147483647', 10_000, '--invoke-timeout')).toBe(2_147_483_647);
    expect(() => parseTimeout('2147483648', 10_000, '--invoke-timeout')).toThrow(
      expect.objectContaining({ code: 'CLI_USAGE', message: '--invoke-timeout must be at most 2147483647 ms (about 24.8 days), got 2147483648' }),
    );
    expect(() => parseTimeout('0', 10_000)).toThrow(expect.objectContaining({ code: 'CLI_USAGE', message: '--timeout must be a positive integer (milliseconds), got 0' }));
  });
});
