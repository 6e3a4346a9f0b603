import { z } from 'zod';
import { nonEmptyString } from './primitives.js';

export const EXEC_SECURITY = ['deny', 'allowlist', 'full'] as const;
export const EXEC_ASK = ['off', 'on-miss', 'always'] as const;

/** Only `pattern` is required; `source`, if present, must be `allow-always`. */
export const ExecAllowlistEntrySchema = z.strictObject({
  id: nonEmptyString.optional(),
  pattern: z.string(),
  source: z.literal('allow-always').optional(),
  commandText: z.string().optional(),
  argPattern: z.string().optional(),
  lastUsedAt: z.number().min(0).optional(),
  lastUsedCommand: z.string().optional(),
  lastResolvedPath: z.string().optional(),
});
export type ExecAllowlistEntry = z.infer<typeof ExecAllowlistEntrySchema>;

// The shipped schema keeps these as open strings; the node validates values itself.
const policyFields = {
  security: z.string().optional(),
  ask: z.string().optional(),
  askFallback: z.string().optional(),
  autoAllowSkills: z.boolean().optional(),
};

export const ExecApprovalsAgentSchema = z.strictObject({
  ...policyFields,
  allowlist: z.array(ExecAllowlistEntrySchema).optional(),
});

/** The exec approvals document, `version: 1` (section 9.3). */
export const ExecApprovalsFileSchema = z.strictObject({
  version: z.literal(1),
  socket: z.strictObject({ path: z.string().optional(), token: z.string().optional() }).optional(),
  defaults: z.strictObject(policyFields).optional(),
  agents: z.record(z.string(), ExecApprovalsAgentSchema).optional(),
});
export type ExecApprovalsFile = z.infer<typeof ExecApprovalsFileSchema>;

export const ExecResolvedDefaultsSchema = z.strictObject({
  security: z.enum(EXEC_SECURITY),
  ask: z.enum(EXEC_ASK),
  askFallback: z.enum(EXEC_SECURITY),
  autoAllowSkills: z.boolean(),
});

/** `system.execApprovals.get` result, relayed unwrapped by `exec.approvals.node.get/set`. */
export const ExecApprovalsSnapshotSchema = z.strictObject({
  path: nonEmptyString,
  exists: z.boolean(),
  hash: nonEmptyString,
  file: ExecApprovalsFileSchema,
  resolvedDefaults: ExecResolvedDefaultsSchema.optional(),
});
export type ExecApprovalsSnapshot = z.infer<typeof ExecApprovalsSnapshotSchema>;

export const ExecApprovalsNodeGetParamsSchema = z.strictObject({ nodeId: nonEmptyString });
export type ExecApprovalsNodeGetParams = z.infer<typeof ExecApprovalsNodeGetParamsSchema>;

const NativeRuleSchema = z.strictObject({
  pattern: nonEmptyString,
  action: z.enum(['allow', 'deny', 'prompt']),
  shells: z.array(nonEmptyString).optional(),
  description: z.string().optional(),
  enabled: z.boolean().optional(),
});

/**
 * Exactly one owner: a `file` (what the Linux node host uses) or a Windows-style `native`
 * policy, which always needs `baseHash`.
 */
export const ExecApprovalsNodeSetParamsSchema = z
  .strictObject({
    nodeId: nonEmptyString,
    file: ExecApprovalsFileSchema.optional(),
    native: z.strictObject({ defaultAction: z.enum(['allow', 'deny', 'prompt']).optional(), rules: z.array(NativeRuleSchema) }).optional(),
    baseHash: nonEmptyString.optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.file === undefined) === (value.native === undefined)) {
      ctx.addIssue({ code: 'custom', message: "must have exactly one of properties 'file' or 'native'", path: [] });
    } else if (value.native !== undefined && value.baseHash === undefined) {
      ctx.addIssue({ code: 'custom', message: "must have required property 'baseHash'", path: [] });
    }
  });
export type ExecApprovalsNodeSetParams = z.infer<typeof ExecApprovalsNodeSetParamsSchema>;
