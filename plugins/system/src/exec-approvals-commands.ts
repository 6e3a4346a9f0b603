import { OpenClawError } from '@openclaw-nodes/core/errors';
import { resolveExecPolicy } from '@openclaw-nodes/core/exec';
import { formatZodIssues, type ExecApprovalsSnapshot } from '@openclaw-nodes/core/protocol';
import { redactSnapshot, type ApprovalsStore } from './approvals-store.js';
import { approvalsFileInput, type ApprovalsGetParams, type ApprovalsSetParams } from './approvals-schemas.js';

const invalid = (text: string) => new OpenClawError('INVALID_REQUEST', `INVALID_REQUEST: ${text}`);

/**
 * `system.execApprovals.get` (COMMANDS.md 2.4): makes sure the file exists, then returns it
 * with its hash, the socket token left out. `includeResolvedDefaults` adds the policy the
 * file's defaults come to.
 *
 * @example
 * await getApprovals(store, {}); // { path, exists: true, hash: '…', file: { version: 1, socket: { path }, … } }
 */
export async function getApprovals(store: ApprovalsStore, params: ApprovalsGetParams): Promise<ExecApprovalsSnapshot> {
  const snapshot = redactSnapshot(await store.ensure());
  if (!params.includeResolvedDefaults) return snapshot;
  const { security, ask, askFallback, autoAllowSkills } = resolveExecPolicy(snapshot.file, '*', { security: 'allowlist', ask: 'on-miss' });
  return { ...snapshot, resolvedDefaults: { security, ask, askFallback, autoAllowSkills } };
}

/**
 * `system.execApprovals.set` (COMMANDS.md 2.5): compare-and-swap on `baseHash`, normalise,
 * keep the socket path and token, write with mode 0600, return the new snapshot.
 *
 * @example
 * const { hash } = await getApprovals(store, {});
 * await setApprovals(store, { file: edited, baseHash: hash });
 */
export async function setApprovals(store: ApprovalsStore, params: ApprovalsSetParams): Promise<ExecApprovalsSnapshot> {
  if (typeof params.file !== 'object' || params.file === null || Array.isArray(params.file)) throw invalid('exec approvals file required');
  const parsed = approvalsFileInput.safeParse(params.file);
  if (!parsed.success) throw invalid(`invalid exec approvals file: ${formatZodIssues(parsed.error)}`);
  return redactSnapshot(await store.set(parsed.data, params.baseHash ?? undefined));
}
