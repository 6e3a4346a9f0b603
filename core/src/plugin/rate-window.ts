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

  /** `seed`: times (ms) of events already counted, oldest first, e.g. read back from disk. */
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    seed: readonly number[] = [],
  ) {
    this.#times.push(...seed.slice(-limit));
  }

  /** The times (ms) of the events in the window, oldest first: what to persist. */
  get times(): readonly number[] {
    return [...this.#times];
  }

  /** Records one event and answers true, or answers false (recording nothing) when the window is full. */
  take(): boolean {
    const now = this.now();
    while (this.#times.length > 0 && this.#times[0]! <= now - this.windowMs) this.#times.shift();
    if (this.#times.length >= this.limit) return false;
    this.#times.push(now);
    return true;
  }
}
