import { z } from 'zod';
import { HostStatsSchema } from './node-catalog.js';
import { nonEmptyString, nonNegativeInt, stringList } from './primitives.js';

const empty = z.strictObject({});
const byRequestId = z.strictObject({ requestId: nonEmptyString });

// Node capability (surface) approval, section 5.2.

export const NodePairListParamsSchema = empty;
/** `code`: the pairing verification code the node host printed, checked against the gateway's. */
const approveParams = byRequestId.extend({ code: z.string().max(32).optional() });
export const NodePairApproveParamsSchema = approveParams;
export const NodePairRejectParamsSchema = byRequestId;
export const NodePairRemoveParamsSchema = z.strictObject({ nodeId: nonEmptyString });
export type NodePairRequestIdParams = z.infer<typeof byRequestId>;

/** A pending surface request: `node.pair.list` pending entry and `node.pair.requested`. */
export const NodePairRequestSchema = z.looseObject({
  requestId: nonEmptyString,
  nodeId: nonEmptyString,
  clientId: z.string().optional(),
  clientMode: z.string().optional(),
  displayName: z.string().optional(),
  platform: z.string().optional(),
  version: z.string().optional(),
  deviceFamily: z.string().optional(),
  caps: z.array(z.string()).optional(),
  commands: z.array(z.string()).optional(),
  requiredApproveScopes: z.array(z.string()).optional(),
  silent: z.boolean().optional(),
  ts: nonNegativeInt,
});
export type NodePairRequest = z.infer<typeof NodePairRequestSchema>;

export const PairedNodeSchema = z.looseObject({
  nodeId: nonEmptyString,
  clientId: z.string().optional(),
  clientMode: z.string().optional(),
  displayName: z.string().optional(),
  platform: z.string().optional(),
  version: z.string().optional(),
  deviceFamily: z.string().optional(),
  caps: z.array(z.string()).optional(),
  commands: z.array(z.string()).optional(),
  createdAtMs: nonNegativeInt.optional(),
  approvedAtMs: nonNegativeInt.optional(),
  lastHostStats: HostStatsSchema.optional(),
  lastSeenAtMs: nonNegativeInt.optional(),
  lastSeenReason: z.string().optional(),
});
export type PairedNode = z.infer<typeof PairedNodeSchema>;

export const NodePairListResultSchema = z.looseObject({ pending: z.array(NodePairRequestSchema), paired: z.array(PairedNodeSchema) });
export type NodePairListResult = z.infer<typeof NodePairListResultSchema>;
export const NodePairApproveResultSchema = z.looseObject({ requestId: nonEmptyString, node: PairedNodeSchema });
export const NodePairRejectResultSchema = z.looseObject({ requestId: nonEmptyString, nodeId: nonEmptyString });
export const NodePairRemoveResultSchema = z.looseObject({ nodeId: nonEmptyString });

/** `node.pair.resolved`; `requestId` is `""` for removals. */
export const NodePairResolvedEventSchema = z.looseObject({
  requestId: z.string(),
  nodeId: nonEmptyString,
  decision: z.enum(['approved', 'rejected', 'removed']),
  ts: nonNegativeInt,
});
export type NodePairResolvedEvent = z.infer<typeof NodePairResolvedEventSchema>;

// Device pairing, section 5.1.

export const DevicePairListParamsSchema = empty;
export const DevicePairApproveParamsSchema = approveParams;
export const DevicePairRejectParamsSchema = byRequestId;
export const DevicePairRemoveParamsSchema = z.strictObject({ deviceId: nonEmptyString });

/** A pending device request: `device.pair.list` pending entry and `device.pair.requested`. */
export const DevicePairRequestSchema = z.strictObject({
  requestId: nonEmptyString,
  deviceId: nonEmptyString,
  publicKey: nonEmptyString,
  displayName: nonEmptyString.optional(),
  platform: nonEmptyString.optional(),
  deviceFamily: nonEmptyString.optional(),
  clientId: nonEmptyString.optional(),
  clientMode: nonEmptyString.optional(),
  browserOrigin: nonEmptyString.optional(),
  role: nonEmptyString.optional(),
  roles: stringList.optional(),
  scopes: stringList.optional(),
  remoteIp: nonEmptyString.optional(),
  silent: z.boolean().optional(),
  isRepair: z.boolean().optional(),
  ts: nonNegativeInt,
});
export type DevicePairRequest = z.infer<typeof DevicePairRequestSchema>;

export const DeviceTokenInfoSchema = z.looseObject({
  role: nonEmptyString,
  scopes: z.array(z.string()),
  createdAtMs: nonNegativeInt.optional(),
});

/** A paired device record; token values are never listed, only their metadata. */
export const PairedDeviceSchema = z.looseObject({
  deviceId: nonEmptyString,
  publicKey: nonEmptyString,
  displayName: z.string().optional(),
  platform: z.string().optional(),
  deviceFamily: z.string().optional(),
  clientId: z.string().optional(),
  clientMode: z.string().optional(),
  role: z.string().optional(),
  roles: z.array(z.string()).optional(),
  scopes: z.array(z.string()).optional(),
  approvedVia: z.string().optional(),
  createdAtMs: nonNegativeInt.optional(),
  approvedAtMs: nonNegativeInt.optional(),
  lastSeenAtMs: nonNegativeInt.optional(),
  connected: z.boolean().optional(),
  tokens: z.array(DeviceTokenInfoSchema).optional(),
});
export type PairedDevice = z.infer<typeof PairedDeviceSchema>;

export const DevicePairListResultSchema = z.looseObject({ pending: z.array(DevicePairRequestSchema), paired: z.array(PairedDeviceSchema) });
export type DevicePairListResult = z.infer<typeof DevicePairListResultSchema>;
export const DevicePairApproveResultSchema = z.looseObject({ requestId: nonEmptyString, device: PairedDeviceSchema });
export const DevicePairRejectResultSchema = z.looseObject({ requestId: nonEmptyString, deviceId: nonEmptyString });
export const DevicePairRemoveResultSchema = z.looseObject({ deviceId: nonEmptyString });

export const DevicePairResolvedEventSchema = z.strictObject({
  requestId: nonEmptyString,
  deviceId: nonEmptyString,
  decision: nonEmptyString,
  ts: nonNegativeInt,
});
export type DevicePairResolvedEvent = z.infer<typeof DevicePairResolvedEventSchema>;
