import { z } from 'zod';
import { MAX_TIMER_MS } from './timer-delay.js';

export { MAX_TIMER_MS, timerDelay } from './timer-delay.js';

/**
 * A timeout a peer or a config file sets, in ms: an integer from 0 to `MAX_TIMER_MS`.
 * Anything larger is refused (the method answers INVALID_REQUEST) instead of overflowing.
 */
export const timeoutMsSchema = z.int().min(0).max(MAX_TIMER_MS, `at most ${MAX_TIMER_MS} ms (about 24.8 days)`);

/** Like `timeoutMsSchema`, but 0 is refused too: for delays that must be positive. */
export const positiveTimeoutMsSchema = timeoutMsSchema.min(1);
