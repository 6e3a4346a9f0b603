import { z } from 'zod';
import { nonEmptyString, nonNegativeInt } from './primitives.js';

/** `tick`, broadcast every `policy.tickIntervalMs` (section 11). */
export const TickEventSchema = z.strictObject({ ts: nonNegativeInt });
export type TickEvent = z.infer<typeof TickEventSchema>;

/** `shutdown`, announcing a gateway restart. */
export const ShutdownEventSchema = z.strictObject({
  reason: nonEmptyString,
  restartExpectedMs: nonNegativeInt.optional(),
});
export type ShutdownEvent = z.infer<typeof ShutdownEventSchema>;
