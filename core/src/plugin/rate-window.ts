/**
 * Counts events in a sliding window and says when one more would pass the limit, for plugins
 * whose commands a caller could repeat to a nuisance or a cost (notifications, text
 * messages). Keeps at most `limit` timestamps.
 *
 * @example
 * const perMinute = new RateWindow(60, 60_000);
 * if (!perMinute.take()) throw new OpenClawError('UNAVAILABLE', 'UNAVAILABLE: too many; try again later');
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
