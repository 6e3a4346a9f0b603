/**
 * Delays between rounds of reconnect attempts: exponential with full jitter. The n-th delay
 * (from 1) is uniform between `minMs` and min(`maxMs`, `minMs` x 2^n), so a fleet of nodes
 * that lost their gateway together spreads out instead of stampeding the next one, and no
 * delay is ever shorter than `minMs` (never a tight loop).
 */
export class Backoff {
  private attempt = 0;

  /**
   * @param minMs shortest delay (default 500 ms)
   * @param maxMs longest delay (default 30 s)
   * @param random a source of numbers in [0, 1) (tests pass a fixed one)
   */
  constructor(
    readonly minMs = 500,
    readonly maxMs = 30_000,
    readonly random: () => number = Math.random,
  ) {}

  /** The next delay in ms. */
  next(): number {
    this.attempt = Math.min(this.attempt + 1, 16);
    return this.upTo(Math.min(this.maxMs, this.minMs * 2 ** this.attempt));
  }

  /**
   * A delay for while the gateway restarts: uniform between `minMs` and `capMs` (never more
   * than `maxMs`), without growing, so a fleet comes back as soon as the gateway listens
   * again, spread over the window instead of all at one instant.
   */
  short(capMs: number): number {
    return this.upTo(Math.max(this.minMs, Math.min(this.maxMs, capMs)));
  }

  /** After a success: the next delay is short again. */
  reset(): void {
    this.attempt = 0;
  }

  /** Uniform between `minMs` and `cap`, whole ms. */
  private upTo(cap: number): number {
    return Math.round(this.minMs + this.random() * (cap - this.minMs));
  }
}
