/**
 * Counts events in a sliding window and says when one more would pass the limit: a caller
 * cannot flood the desktop with notifications. Keeps at most `limit` timestamps.
 */
export class RateWindow {
  readonly #times: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one event and answers true, or answers false (recording nothing) when the window is full. */
  take(): boolean {
    const now = this.now();
    while (this.#times.length > 0 && this.#times[0]! <= now - this.windowMs) this.#times.shift();
    if (this.#times.length >= this.limit) return false;
    this.#times.push(now);
    return true;
  }
}
