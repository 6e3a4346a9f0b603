import ipaddr from 'ipaddr.js';

/** Most addresses tracked at once; past it an entry that is not locked out is forgotten first. */
const MAX_TRACKED = 10_000;

/**
 * What failures are counted under: an IPv4 address (also when it arrives IPv4-mapped, as
 * `::ffff:203.0.113.5`), or an IPv6 address's /64 network, since one host usually holds a
 * whole /64 and could otherwise try 2^64 addresses. Anything unparseable counts as itself.
 */
export function limiterKey(address: string): string {
  try {
    const ip = ipaddr.process(address);
    if (ip.kind() === 'ipv4') return ip.toString();
    return `${(ip as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16)).join(':')}::/64`;
  } catch {
    return address;
  }
}

/**
 * Per-address limiter for failed authentication (PROTOCOL.md section 4.1): 10 failures in
 * 60 s lock a remote address out for 5 minutes. A local client (one that showed the gateway's
 * local proof, see `socketInfo`) is never locked out — a local user can always recover — but
 * its failures still count for metrics. A loopback peer without the proof (a tunnel's or a
 * proxy's client) is counted like any remote one. The key may also be `device:<id>` for a
 * connect signed by a paired device (`limiterSubject`).
 *
 * A successful authentication clears nothing: otherwise a holder of one valid token could
 * interleave it with guesses at others forever, and a local login would lift the lockout
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
    // No failure on record (the usual case): no address to parse on every handshake.
    if (isLocal || this.failures.size === 0) return 0;
    const entry = this.failures.get(limiterKey(address));
    return entry && entry.lockedUntil > now ? entry.lockedUntil - now : 0;
  }

  /** Counts one failed authentication from this address (ignored for a local client). */
  fail(address: string, isLocal: boolean, now = Date.now()): void {
    if (isLocal) return;
    const key = limiterKey(address);
    let entry = this.failures.get(key);
    if (!entry || now - entry.windowStart > this.windowMs) {
      // A new counting window; a lockout still running carries over. Re-inserted so that the
      // table stays ordered by window start, oldest first, for `forgetOne`.
      entry = { count: 0, windowStart: now, lockedUntil: entry?.lockedUntil ?? 0 };
      this.failures.delete(key);
      this.failures.set(key, entry);
    }
    entry.count += 1;
    if (entry.count >= this.maxFailures) entry.lockedUntil = now + this.lockoutMs;
    if (this.failures.size > MAX_TRACKED) this.forgetOne(now);
  }

  /**
   * Bounds memory under a spray of addresses: forgets the oldest entry that is not locked
   * out (a spray must not free a locked address), or the oldest of all if every one is.
   */
  private forgetOne(now: number): void {
    let victim: string | undefined;
    for (const [key, entry] of this.failures) {
      if (entry.lockedUntil <= now) {
        victim = key;
        break;
      }
    }
    victim ??= this.failures.keys().next().value;
    if (victim !== undefined) this.failures.delete(victim);
  }
}
