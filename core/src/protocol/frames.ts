import { z } from 'zod';
import { nonEmptyString, nonNegativeInt } from './primitives.js';

/** The protocol's error object (section 12.1). */
export const ErrorShapeSchema = z.strictObject({
  code: nonEmptyString,
  message: nonEmptyString,
  details: z.unknown().optional(),
  retryable: z.boolean().optional(),
  retryAfterMs: nonNegativeInt.optional(),
});
export type ErrorShape = z.infer<typeof ErrorShapeSchema>;

/** Version counters carried by `health`/`presence` broadcasts. */
export const StateVersionSchema = z.strictObject({ presence: nonNegativeInt, health: nonNegativeInt });
export type StateVersion = z.infer<typeof StateVersionSchema>;

/** Only `traceparent` and `expectedProfileId` may ride beside the four core keys. */
export const RequestFrameSchema = z.strictObject({
  type: z.literal('req'),
  id: nonEmptyString,
  method: nonEmptyString,
  params: z.unknown().optional(),
  traceparent: z.string().max(128).optional(),
  expectedProfileId: nonEmptyString.optional(),
});
export type RequestFrame = z.infer<typeof RequestFrameSchema>;

export const ResponseFrameSchema = z.strictObject({
  type: z.literal('res'),
  id: nonEmptyString,
  ok: z.boolean(),
  payload: z.unknown().optional(),
  error: ErrorShapeSchema.optional(),
});
export type ResponseFrame = z.infer<typeof ResponseFrameSchema>;

/** `seq` only on broadcasts; targeted events (challenge, invoke request/cancel) have none. */
export const EventFrameSchema = z.strictObject({
  type: z.literal('event'),
  event: nonEmptyString,
  payload: z.unknown().optional(),
  seq: nonNegativeInt.optional(),
  stateVersion: StateVersionSchema.optional(),
});
export type EventFrame = z.infer<typeof EventFrameSchema>;

export const FrameSchema = z.discriminatedUnion('type', [RequestFrameSchema, ResponseFrameSchema, EventFrameSchema]);
export type Frame = RequestFrame | ResponseFrame | EventFrame;
