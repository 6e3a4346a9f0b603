import { EXEC_ASK, EXEC_SECURITY, ExecAllowlistEntrySchema, ExecApprovalsSnapshotSchema } from '@openclaw-nodes/core/protocol';
import { z } from 'zod';

// The wire text the real node host answers with; clients match on it.
const FILE_REQUIRED = 'exec approvals file required';

/** Most allowlist entries one agent section may hold; bounds matching work per command. */
export const MAX_ALLOWLIST_ENTRIES = 1_000;

const policy = {
  security: z.enum(EXEC_SECURITY).optional(),
  ask: z.enum(EXEC_ASK).optional(),
  askFallback: z.enum(EXEC_SECURITY).optional(),
  autoAllowSkills: z.boolean().optional(),
};

/**
 * A file a caller may store: version 1, known policy values only, entries as objects or bare
 * pattern strings. Stricter than what a load tolerates, so a typo is refused instead of
 * silently falling back to a default.
 */
export const approvalsFileInput = z.strictObject(
  {
    version: z.literal(1, { error: 'version must be 1' }),
    socket: z.strictObject({ path: z.string().optional(), token: z.string().optional() }).optional(),
    defaults: z.strictObject(policy).optional(),
    agents: z
      .record(
        z.string().min(1),
        z.strictObject({
          ...policy,
          allowlist: z.array(z.union([z.string(), ExecAllowlistEntrySchema])).max(MAX_ALLOWLIST_ENTRIES, `at most ${MAX_ALLOWLIST_ENTRIES} entries`).optional(),
        }),
      )
      .optional(),
  },
  { error: FILE_REQUIRED },
);

/** `system.execApprovals.get` params: none, or `{includeResolvedDefaults}`. */
export const approvalsGetParams = z
  .strictObject({ includeResolvedDefaults: z.boolean({ error: 'includeResolvedDefaults must be boolean' }).optional() })
  .nullish()
  .transform((v) => v ?? {});

/**
 * `system.execApprovals.set` params (COMMANDS.md 2.5). `file` is checked by the handler
 * against `approvalsFileInput`, so a missing file gets the real host's exact message.
 */
export const approvalsSetParams = z.object({ file: z.unknown().optional(), baseHash: z.string().nullish() }, { error: FILE_REQUIRED });

export const approvalsSnapshot = ExecApprovalsSnapshotSchema;

export type ApprovalsGetParams = z.output<typeof approvalsGetParams>;
export type ApprovalsSetParams = z.output<typeof approvalsSetParams>;
