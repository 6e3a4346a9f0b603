import { describe, expect, it } from 'vitest';
import { AuthLimiter } from './auth-limiter.js';

describe('AuthLimiter', () => {
  const remote = '203.0.113.5';

  it('locks a remote address for 5 minutes after 10 failures within 60 s', () => {
    const limiter = new AuthLimiter();
    for (let i = 0; i < 9; i++) limiter.fail(remote, false, 1_000 + i);
    expect(limiter.retryAfter(remote, false, 1_010)).toBe(0);
    limiter.fail(remote, false, 1_010);
    expect(limiter.retryAfter(remote, false, 1_010)).toBe(300_000);
    expect(limiter.retryAfter(remote, false, 301_009)).toBe(1);
    expect(limiter.retryAfter(remote, false, 301_010)).toBe(0);
    expect(limiter.retryAfter('198.51.100.1', false, 1_010)).toBe(0);
  });

  it('starts a new count once the 60 s window has passed', () => {
    const limiter = new AuthLimiter();
    for (let i = 0; i < 9; i++) limiter.fail(remote, false, 0);
    limiter.fail(remote, false, 60_001);
    expect(limiter.retryAfter(remote, false, 60_001)).toBe(0);
  });

  it('never locks out loopback, and a loopback failure does not count toward a remote lockout', () => {
    const limiter = new AuthLimiter();
    for (let i = 0; i < 20; i++) limiter.fail('127.0.0.1', true, 0);
    expect(limiter.retryAfter('127.0.0.1', true, 0)).toBe(0);
    expect(limiter.retryAfter('127.0.0.1', false, 0)).toBe(0);
  });

  it('keeps at most 10,000 addresses, dropping the oldest', () => {
    const limiter = new AuthLimiter(1);
    for (let i = 0; i <= 10_000; i++) limiter.fail(`10.0.${i >> 8}.${i & 255}`, false, 0);
    expect(limiter.retryAfter('10.0.0.0', false, 0)).toBe(0);
    expect(limiter.retryAfter('10.0.39.16', false, 0)).toBeGreaterThan(0);
  });
});

describe('AuthLimiter keys', () => {
  it('counts an IPv6 /64 as one address, and an IPv4-mapped address as its IPv4 address', () => {
    const limiter = new AuthLimiter();
    for (let i = 0; i < 10; i++) limiter.fail(`2001:db8:1:2::${(i + 1).toString(16)}`, false, 0);
    expect(limiter.retryAfter('2001:db8:1:2:ffff::1', false, 0)).toBe(300_000);
    expect(limiter.retryAfter('2001:db8:1:3::1', false, 0)).toBe(0);
    for (let i = 0; i < 10; i++) limiter.fail(i % 2 ? '::ffff:203.0.113.9' : '203.0.113.9', false, 0);
    expect(limiter.retryAfter('203.0.113.9', false, 0)).toBe(300_000);
  });

  it('keeps a locked address locked while a spray of other addresses fills the table', () => {
    const limiter = new AuthLimiter();
    for (let i = 0; i < 10; i++) limiter.fail('198.51.100.77', false, 0);
    for (let i = 0; i < 12_000; i++) limiter.fail(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, false, 1);
    expect(limiter.retryAfter('198.51.100.77', false, 2)).toBeGreaterThan(0);
  });
});
