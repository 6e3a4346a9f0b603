/**
 * Reconnect delays: 1 s doubling to 30 s, each with up to 25 % random jitter so a fleet of
 * nodes does not stampede a restarted gateway.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly minMs = 1_000,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const base = Math.min(this.maxMs, this.minMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 16);
    return Math.round(base * (1 + 0.25 * this.random()));
  }

  reset(): void {
    this.attempt = 0;
  }
}
