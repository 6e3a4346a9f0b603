import { timerDelay } from '../protocol/timer-delay.js';

/** What `withTimeout` resolves to when the work did not settle in time. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * Runs `work` (sync throws become rejections) and races it against a timer. The timer is
 * always cleared, so a finished or failed start never keeps the process alive.
 *
 * @example
 * if ((await withTimeout(() => plugin.start(), 10_000)) === TIMED_OUT) fail();
 */
export async function withTimeout<T>(work: () => T | Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timerDelay(ms));
  });
  try {
    return await Promise.race([Promise.resolve().then(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
