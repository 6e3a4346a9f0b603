import { z } from 'zod';
import { nonEmptyString, nonNegativeInt, stringList } from './primitives.js';

const emptyParams = z.strictObject({});

/** `node.list` takes no params. */
export const NodeListParamsSchema = emptyParams;
export const NodeDescribeParamsSchema = z.strictObject({ nodeId: nonEmptyString });
export type NodeDescribeParams = z.infer<typeof NodeDescribeParamsSchema>;
// The new name is stored in the pairing file; bounded like the names nodes claim in connect.
export const NodeRenameParamsSchema = z.strictObject({ nodeId: nonEmptyString, displayName: z.string().min(1).max(256) });
export type NodeRenameParams = z.infer<typeof NodeRenameParamsSchema>;
export const NodeRenameResultSchema = z.looseObject({ nodeId: nonEmptyString, displayName: nonEmptyString });

/** Host statistics a node publishes through `node.event node.host.stats`. */
export const HostStatsSchema = z.looseObject({
  cpuCount: nonNegativeInt.optional(),
  loadAverage: z.array(z.number()).optional(),
  memoryTotalBytes: z.number().optional(),
  memoryFreeBytes: z.number().optional(),
  diskTotalBytes: z.number().optional(),
  diskAvailableBytes: z.number().optional(),
  updatedAtMs: nonNegativeInt.optional(),
});
export type HostStats = z.infer<typeof HostStatsSchema>;

const byteCount = z.number().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * What a gateway accepts from a `node.host.stats` event before keeping it (in memory and in
 * the pairing file): the known figures, each bounded; any other key is dropped, so nothing a
 * node adds can grow or nest what the gateway stores.
 */
export const HostStatsUpdateSchema = z.object({
  cpuCount: z.int().min(0).max(65_536).optional(),
  loadAverage: z.array(z.number().min(0).max(1e9)).max(3).optional(),
  memoryTotalBytes: byteCount.optional(),
  memoryFreeBytes: byteCount.optional(),
  diskTotalBytes: byteCount.optional(),
  diskAvailableBytes: byteCount.optional(),
});
export type HostStatsUpdate = z.infer<typeof HostStatsUpdateSchema>;

export const APPROVAL_STATES = ['approved', 'pending-approval', 'pending-reapproval', 'unapproved'] as const;

/**
 * One `node.list` entry (section 7.1). Results are read by clients, so fields a newer
 * gateway adds are kept; `commands` is the effective (declared, approved, allowed) set.
 */
export const NodeListEntrySchema = z.looseObject({
  nodeId: nonEmptyString,
  displayName: z.string().optional(),
  platform: z.string().optional(),
  version: z.string().optional(),
  clientId: z.string().optional(),
  clientMode: z.string().optional(),
  deviceFamily: z.string().optional(),
  modelIdentifier: z.string().optional(),
  remoteIp: z.string().optional(),
  caps: z.array(z.string()),
  commands: z.array(z.string()),
  permissions: z.record(z.string(), z.boolean()).optional(),
  pathEnv: z.string().optional(),
  hostStats: HostStatsSchema.optional(),
  approvalState: z.enum(APPROVAL_STATES).optional(),
  connectedAtMs: nonNegativeInt.optional(),
  lastSeenAtMs: nonNegativeInt.optional(),
  approvedAtMs: nonNegativeInt.optional(),
  paired: z.boolean(),
  connected: z.boolean(),
});
export type NodeListEntry = z.infer<typeof NodeListEntrySchema>;

export const NodeListResultSchema = z.looseObject({ ts: nonNegativeInt, nodes: z.array(NodeListEntrySchema) });
export type NodeListResult = z.infer<typeof NodeListResultSchema>;

/** `node.describe`: one entry with the server time beside it. */
export const NodeDescribeResultSchema = NodeListEntrySchema.extend({ ts: nonNegativeInt });
export type NodeDescribeResult = z.infer<typeof NodeDescribeResultSchema>;

/** `node.event`, node -> gateway (section 7.4): either `payloadJSON` or `payload`. */
export const NodeEventParamsSchema = z.strictObject({
  event: nonEmptyString,
  payload: z.unknown().optional(),
  payloadJSON: z.string().optional(),
});
export type NodeEventParams = z.infer<typeof NodeEventParamsSchema>;

export const NodeEventResultSchema = z.looseObject({
  ok: z.boolean(),
  event: nonEmptyString.optional(),
  handled: z.boolean().optional(),
  reason: nonEmptyString.optional(),
});
export type NodeEventResult = z.infer<typeof NodeEventResultSchema>;

/** Shape not in the shipped schema; kept open so newer node hosts still validate. */
export const NodeRunnerInventoryUpdateParamsSchema = z.looseObject({
  protocolFeatures: z.array(z.string()).optional(),
  workerHost: z.looseObject({ enabled: z.boolean() }).optional(),
});
export type NodeRunnerInventoryUpdateParams = z.infer<typeof NodeRunnerInventoryUpdateParamsSchema>;
export const NodeRunnerInventoryUpdateResultSchema = z.looseObject({ nodeId: nonEmptyString });

export const NodeSkillSchema = z.strictObject({
  name: z.string().max(64).regex(/^(?!.*--)[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/),
  description: z.string().min(1).max(1024),
  content: z.string().min(1).max(64 * 1024),
});
export const NodeSkillsUpdateParamsSchema = z.strictObject({ skills: z.array(NodeSkillSchema).max(64) });
export type NodeSkillsUpdateParams = z.infer<typeof NodeSkillsUpdateParamsSchema>;
export const NodeSkillsUpdateResultSchema = z.looseObject({ nodeId: nonEmptyString, skills: z.array(z.unknown()) });

export const NodePluginToolSchema = z.strictObject({
  pluginId: nonEmptyString,
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/),
  description: nonEmptyString,
  parameters: z.record(z.string(), z.unknown()).optional(),
  command: nonEmptyString.optional(),
  mcp: z.strictObject({ server: nonEmptyString, tool: nonEmptyString }).optional(),
});
export const NodePluginToolsUpdateParamsSchema = z.strictObject({ tools: z.array(NodePluginToolSchema) });
export type NodePluginToolsUpdateParams = z.infer<typeof NodePluginToolsUpdateParamsSchema>;
export const NodePluginToolsUpdateResultSchema = z.looseObject({ nodeId: nonEmptyString, tools: z.array(z.unknown()) });

/** `skills.bins` (only when the node auto-allows skills): `{}` -> `{bins}`. */
export const SkillsBinsParamsSchema = emptyParams;
export const SkillsBinsResultSchema = z.looseObject({ bins: stringList });
export type SkillsBinsResult = z.infer<typeof SkillsBinsResultSchema>;
