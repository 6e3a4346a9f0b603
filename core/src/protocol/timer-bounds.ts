import { z } from 'zod';

/**
 * Longest delay a Node.js timer honours: 2^31 - 1 ms (about 24.8 days). Node fires a longer
 * one after 1 ms instead (with only a warning), so a "wait forever" timeout would expire at once.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * A timeout a peer or a config file sets, in ms: an integer from 0 to `MAX_TIMER_MS`.
 * Anything larger is refused (the method answers INVALID_REQUEST) instead of overflowing.
 */
export const timeoutMsSchema = z.int().min(0).max(MAX_TIMER_MS, `at most ${MAX_TIMER_MS} ms (about 24.8 days)`);

/** Like `timeoutMsSchema`, but 0 is refused too: for delays that must be positive. */
export const positiveTimeoutMsSchema = timeoutMsSchema.min(1);

/**
 * `ms` as a delay `setTimeout` keeps: clamped to 0..`MAX_TIMER_MS` (Infinity waits the
 * longest a timer can, about 24.8 days; NaN counts as 0). For every timer whose delay comes
 * from outside the code that sets it.
 *
 * @example
 * setTimeout(onTimeout, timerDelay(params.timeoutMs));
 */
export function timerDelay(ms: number): number {
  if (!(ms > 0)) return 0;
  return ms > MAX_TIMER_MS ? MAX_TIMER_MS : ms;
}
