/**
 * Per-address limiter for failed authentication (PROTOCOL.md section 4.1): 10 failures in
 * 60 s lock a remote address out for 5 minutes. Loopback is never locked out — a local user
 * can always recover — but its failures still count for metrics.
 *
 * A successful authentication clears nothing: otherwise a holder of one valid token could
 * interleave it with guesses at others forever, and a loopback login would lift the lockout
 * of proxied clients that share the proxy's loopback address.
 */
export class AuthLimiter {
  private readonly failures = new Map<string, { count: number; windowStart: number; lockedUntil: number }>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
    private readonly lockoutMs = 5 * 60_000,
  ) {}

  /** Milliseconds left on a lockout for this address, or 0. */
  retryAfter(address: string, isLocal: boolean, now = Date.now()): number {
    if (isLocal) return 0;
    const entry = this.failures.get(address);
    return entry && entry.lockedUntil > now ? entry.lockedUntil - now : 0;
  }

  /** Counts one failed authentication from this address (ignored for loopback). */
  fail(address: string, isLocal: boolean, now = Date.now()): void {
    if (isLocal) return;
    let entry = this.failures.get(address);
    if (!entry || now - entry.windowStart > this.windowMs) {
      entry = { count: 0, windowStart: now, lockedUntil: 0 };
      this.failures.set(address, entry);
    }
    entry.count += 1;
    if (entry.count >= this.maxFailures) entry.lockedUntil = now + this.lockoutMs;
    // Bound memory under a spray of addresses: drop the oldest entries.
    if (this.failures.size > 10_000) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}
