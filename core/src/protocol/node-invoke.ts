import { z } from 'zod';
import { nonEmptyString, nonNegativeInt } from './primitives.js';
import { timeoutMsSchema } from './timer-bounds.js';
import { isPluginCodeShape } from '../errors/codes.js';

/** `node.invoke` params, operator -> gateway (section 6.1). */
export const NodeInvokeParamsSchema = z.strictObject({
  nodeId: nonEmptyString,
  command: nonEmptyString,
  params: z.unknown().optional(),
  timeoutMs: timeoutMsSchema.optional(),
  idempotencyKey: nonEmptyString,
  // Gateway-only routing metadata: forwarded beside params, never inside them.
  sessionKey: nonEmptyString.optional(),
  turnSourceChannel: z.string().optional(),
  turnSourceTo: z.string().optional(),
  turnSourceAccountId: z.string().optional(),
  turnSourceThreadId: z.union([z.string(), z.number()]).optional(),
});
export type NodeInvokeParams = z.infer<typeof NodeInvokeParamsSchema>;

/** What the operator receives when the node answered ok (section 6.4). */
export const NodeInvokeResponseSchema = z.looseObject({
  ok: z.literal(true),
  nodeId: nonEmptyString,
  command: nonEmptyString,
  payload: z.unknown().optional(),
  payloadJSON: z.string().nullable().optional(),
});
export type NodeInvokeResponse = z.infer<typeof NodeInvokeResponseSchema>;

/** The node's error object inside `node.invoke.result`. */
export const NodeErrorSchema = z.strictObject({
  code: nonEmptyString.optional(),
  message: nonEmptyString.optional(),
  /** `originalCode`: the code a plugin threw without declaring it, sent as NODE_INVOKE_FAILED. */
  details: z.strictObject({ originalCode: z.string().max(64).refine(isPluginCodeShape).optional() }).optional(),
});
export type NodeError = z.infer<typeof NodeErrorSchema>;

/**
 * `node.invoke.result` params, node -> gateway (section 6.3). `payloadJSON:null` and
 * `error:null` are what some nodes send for "absent", and the real gateway takes them.
 */
export const NodeInvokeResultParamsSchema = z.strictObject({
  id: nonEmptyString,
  nodeId: nonEmptyString,
  ok: z.boolean(),
  payload: z.unknown().optional(),
  payloadJSON: z.string().nullable().optional(),
  error: NodeErrorSchema.nullable().optional(),
});
export type NodeInvokeResultParams = z.infer<typeof NodeInvokeResultParamsSchema>;

/** `{ok:true}`, or `{ok:true, ignored:true}` for a late, unknown or duplicate result. */
export const NodeInvokeResultAckSchema = z.looseObject({ ok: z.literal(true), ignored: z.boolean().optional() });
export type NodeInvokeResultAck = z.infer<typeof NodeInvokeResultAckSchema>;

/** Streaming output of duplex commands (section 6.5); a minimal gateway may reject it. */
export const NodeInvokeProgressParamsSchema = z.strictObject({
  invokeId: nonEmptyString,
  nodeId: nonEmptyString,
  seq: nonNegativeInt,
  // Empty chunks are liveness heartbeats.
  chunk: z.string().max(16 * 1024),
});
export type NodeInvokeProgressParams = z.infer<typeof NodeInvokeProgressParamsSchema>;

/** Event `node.invoke.request`, gateway -> node (section 6.2). */
export const NodeInvokeRequestEventSchema = z.strictObject({
  id: nonEmptyString,
  nodeId: nonEmptyString,
  command: nonEmptyString,
  // null when the operator sent no params.
  paramsJSON: z.string().nullable().optional(),
  timeoutMs: timeoutMsSchema.optional(),
  idempotencyKey: nonEmptyString.optional(),
  sessionKey: nonEmptyString.optional(),
});
export type NodeInvokeRequestEvent = z.infer<typeof NodeInvokeRequestEventSchema>;

/** Event `node.invoke.cancel`, sent to the node when the deadline passed. */
export const NodeInvokeCancelEventSchema = z.looseObject({ invokeId: nonEmptyString, nodeId: nonEmptyString });
export type NodeInvokeCancelEvent = z.infer<typeof NodeInvokeCancelEventSchema>;

/** Event `node.invoke.input`, gateway -> node, for duplex commands. */
export const NodeInvokeInputEventSchema = z.strictObject({
  id: nonEmptyString,
  nodeId: nonEmptyString,
  seq: nonNegativeInt,
  payloadJSON: z.string().max(16 * 1024),
});
export type NodeInvokeInputEvent = z.infer<typeof NodeInvokeInputEventSchema>;
