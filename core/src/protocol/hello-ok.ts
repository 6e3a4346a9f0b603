import { z } from 'zod';
import { StateVersionSchema } from './frames.js';
import { nonEmptyString, nonNegativeInt, stringList } from './primitives.js';
import { positiveTimeoutMsSchema } from './timer-bounds.js';

// hello-ok is read by clients, and every gateway release adds fields (controlUiWidgetKinds,
// policy.attachments, ...), so unknown keys are kept rather than rejected. The keys the
// schema requires are typed, since node hosts and apps read them.

export const HelloOkPolicySchema = z.looseObject({
  maxPayload: z.int().min(1),
  maxBufferedBytes: z.int().min(1),
  tickIntervalMs: positiveTimeoutMsSchema,
});

export const HelloOkAuthSchema = z.looseObject({
  method: nonEmptyString.optional(),
  role: nonEmptyString,
  scopes: stringList,
  deviceToken: nonEmptyString.optional(),
  issuedAtMs: nonNegativeInt.optional(),
});

/** The `connect` response payload (section 2.4). */
export const HelloOkSchema = z.looseObject({
  type: z.literal('hello-ok'),
  protocol: z.int().min(1),
  server: z.looseObject({ version: nonEmptyString, connId: nonEmptyString }),
  features: z.looseObject({
    methods: stringList,
    events: stringList,
    capabilities: stringList.optional(),
  }),
  snapshot: z.looseObject({
    presence: z.array(z.unknown()),
    health: z.unknown(),
    stateVersion: StateVersionSchema,
    uptimeMs: nonNegativeInt,
  }),
  auth: HelloOkAuthSchema,
  policy: HelloOkPolicySchema,
  pluginSurfaceUrls: z.record(nonEmptyString, nonEmptyString).optional(),
});
export type HelloOk = z.infer<typeof HelloOkSchema>;
export type HelloOkPolicy = z.infer<typeof HelloOkPolicySchema>;
export type HelloOkAuth = z.infer<typeof HelloOkAuthSchema>;
