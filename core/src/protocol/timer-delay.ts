/**
 * @module
 * Timer bounds without zod: what short-lived commands and the RPC client need, kept apart so
 * that they load no schema library (`timer-bounds.ts` adds the schemas).
 */
/**
 * Longest delay a Node.js timer honours: 2^31 - 1 ms (about 24.8 days). Node fires a longer
 * one after 1 ms instead (with only a warning), so a "wait forever" timeout would expire at once.
 */
export const MAX_TIMER_MS = 2_147_483_647;

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
