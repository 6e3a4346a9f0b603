import type { ZodType } from 'zod';
import { ConnectChallengeSchema, ConnectParamsSchema } from './connect.js';
import { ShutdownEventSchema, TickEventSchema } from './events.js';
import { ExecApprovalsNodeGetParamsSchema, ExecApprovalsNodeSetParamsSchema, ExecApprovalsSnapshotSchema } from './exec-approvals.js';
import { HelloOkSchema } from './hello-ok.js';
import * as catalog from './node-catalog.js';
import * as invoke from './node-invoke.js';
import * as media from './node-media.js';
import * as pairing from './pairing.js';

/** Lookups by name; a missing entry reads as `undefined`. */
export type ZodTable = Readonly<Partial<Record<string, ZodType>>>;

// Null prototype: a method named "constructor" or "toString" must find no schema.
const table = (entries: Record<string, ZodType>): ZodTable =>
  Object.freeze(Object.assign(Object.create(null) as Record<string, ZodType>, entries));

/** Params schema per method, for validating a request by its `method`. */
export const METHOD_PARAM_SCHEMAS: ZodTable = table({
  connect: ConnectParamsSchema,
  'node.invoke': invoke.NodeInvokeParamsSchema,
  'node.invoke.result': invoke.NodeInvokeResultParamsSchema,
  'node.invoke.progress': invoke.NodeInvokeProgressParamsSchema,
  'node.media.upload': media.NodeMediaUploadParamsSchema,
  'node.event': catalog.NodeEventParamsSchema,
  'node.list': catalog.NodeListParamsSchema,
  'node.describe': catalog.NodeDescribeParamsSchema,
  'node.rename': catalog.NodeRenameParamsSchema,
  'node.runnerInventory.update': catalog.NodeRunnerInventoryUpdateParamsSchema,
  'node.skills.update': catalog.NodeSkillsUpdateParamsSchema,
  'node.pluginTools.update': catalog.NodePluginToolsUpdateParamsSchema,
  'skills.bins': catalog.SkillsBinsParamsSchema,
  'node.pair.list': pairing.NodePairListParamsSchema,
  'node.pair.approve': pairing.NodePairApproveParamsSchema,
  'node.pair.reject': pairing.NodePairRejectParamsSchema,
  'node.pair.remove': pairing.NodePairRemoveParamsSchema,
  'device.pair.list': pairing.DevicePairListParamsSchema,
  'device.pair.approve': pairing.DevicePairApproveParamsSchema,
  'device.pair.reject': pairing.DevicePairRejectParamsSchema,
  'device.pair.remove': pairing.DevicePairRemoveParamsSchema,
  'exec.approvals.node.get': ExecApprovalsNodeGetParamsSchema,
  'exec.approvals.node.set': ExecApprovalsNodeSetParamsSchema,
});

/** Result (response payload) schema per method, where the protocol documents one. */
export const METHOD_RESULT_SCHEMAS: ZodTable = table({
  connect: HelloOkSchema,
  'node.invoke': invoke.NodeInvokeResponseSchema,
  'node.invoke.result': invoke.NodeInvokeResultAckSchema,
  'node.media.upload': media.NodeMediaUploadResultSchema,
  'node.event': catalog.NodeEventResultSchema,
  'node.list': catalog.NodeListResultSchema,
  'node.describe': catalog.NodeDescribeResultSchema,
  'node.rename': catalog.NodeRenameResultSchema,
  'node.runnerInventory.update': catalog.NodeRunnerInventoryUpdateResultSchema,
  'node.skills.update': catalog.NodeSkillsUpdateResultSchema,
  'node.pluginTools.update': catalog.NodePluginToolsUpdateResultSchema,
  'skills.bins': catalog.SkillsBinsResultSchema,
  'node.pair.list': pairing.NodePairListResultSchema,
  'node.pair.approve': pairing.NodePairApproveResultSchema,
  'node.pair.reject': pairing.NodePairRejectResultSchema,
  'node.pair.remove': pairing.NodePairRemoveResultSchema,
  'device.pair.list': pairing.DevicePairListResultSchema,
  'device.pair.approve': pairing.DevicePairApproveResultSchema,
  'device.pair.reject': pairing.DevicePairRejectResultSchema,
  'device.pair.remove': pairing.DevicePairRemoveResultSchema,
  'exec.approvals.node.get': ExecApprovalsSnapshotSchema,
  'exec.approvals.node.set': ExecApprovalsSnapshotSchema,
});

/** Payload schema per event name. */
export const EVENT_PAYLOAD_SCHEMAS: ZodTable = table({
  'connect.challenge': ConnectChallengeSchema,
  tick: TickEventSchema,
  shutdown: ShutdownEventSchema,
  'node.invoke.request': invoke.NodeInvokeRequestEventSchema,
  'node.invoke.cancel': invoke.NodeInvokeCancelEventSchema,
  'node.invoke.input': invoke.NodeInvokeInputEventSchema,
  'node.pair.requested': pairing.NodePairRequestSchema,
  'node.pair.resolved': pairing.NodePairResolvedEventSchema,
  'device.pair.requested': pairing.DevicePairRequestSchema,
  'device.pair.resolved': pairing.DevicePairResolvedEventSchema,
});
