import { createHash, randomUUID } from 'node:crypto';
import type { ExecAllowlistEntry, ExecApprovalsFile } from '../protocol/exec-approvals.js';

type Agent = NonNullable<ExecApprovalsFile['agents']>[string];
type Policy = NonNullable<ExecApprovalsFile['defaults']>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The document a missing or unusable approvals file stands for. */
export const emptyApprovalsFile = (): ExecApprovalsFile => ({ version: 1, agents: {} });

/** SHA-256 hex of the raw file text: the compare-and-swap token of `set`. */
export const approvalsHash = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The hash reported while no file exists (PROTOCOL.md 9.1). */
export const MISSING_APPROVALS_HASH = `missing:${approvalsHash('')}`;

/**
 * Normalises an approvals document on every load and save (EXEC.md 4): a version other than
 * 1 or a non-object means an empty file; legacy `agents.default` merges into `agents.main`;
 * string entries become `{pattern}`; entries without a pattern are dropped; missing ids are
 * filled. Unknown fields are dropped so the document always matches the wire schema.
 *
 * @example
 * normalizeApprovalsFile({ version: 1, agents: { '*': { allowlist: ['/usr/bin/uname'] } } });
 * // { version: 1, agents: { '*': { allowlist: [{ id: '<uuid>', pattern: '/usr/bin/uname' }] } } }
 */
export function normalizeApprovalsFile(raw: unknown, newId: () => string = randomUUID): ExecApprovalsFile {
  if (!isRecord(raw) || raw.version !== 1) return emptyApprovalsFile();
  const file: ExecApprovalsFile = { version: 1 };
  if (isRecord(raw.socket)) {
    const socket: NonNullable<ExecApprovalsFile['socket']> = {};
    if (typeof raw.socket.path === 'string') socket.path = raw.socket.path;
    if (typeof raw.socket.token === 'string') socket.token = raw.socket.token;
    file.socket = socket;
  }
  if (isRecord(raw.defaults)) file.defaults = policyOf(raw.defaults);
  const agents: Record<string, Agent> = {};
  const rawAgents = isRecord(raw.agents) ? raw.agents : {};
  for (const [id, value] of Object.entries(rawAgents)) {
    if (id === 'default' || !isRecord(value)) continue;
    agents[id] = agentOf(value, newId);
  }
  if (isRecord(rawAgents.default)) agents.main = mergeLegacyDefault(agents.main, agentOf(rawAgents.default, newId));
  file.agents = agents;
  return file;
}

function policyOf(raw: Record<string, unknown>): Policy {
  const policy: Policy = {};
  for (const key of ['security', 'ask', 'askFallback'] as const) {
    const value = optionalString(raw[key]);
    if (value !== undefined) policy[key] = value;
  }
  if (typeof raw.autoAllowSkills === 'boolean') policy.autoAllowSkills = raw.autoAllowSkills;
  return policy;
}

function agentOf(raw: Record<string, unknown>, newId: () => string): Agent {
  const agent: Agent = policyOf(raw);
  if (Array.isArray(raw.allowlist)) {
    const entries = raw.allowlist.map((entry) => entryOf(entry, newId)).filter((e): e is ExecAllowlistEntry => e !== undefined);
    agent.allowlist = entries;
  }
  return agent;
}

function entryOf(raw: unknown, newId: () => string): ExecAllowlistEntry | undefined {
  const value = typeof raw === 'string' ? { pattern: raw } : isRecord(raw) ? raw : undefined;
  const pattern = optionalString(value?.pattern);
  if (value === undefined || pattern === undefined || pattern.trim() === '') return undefined;
  const entry: ExecAllowlistEntry = { id: optionalString(value.id) || newId(), pattern };
  for (const key of ['commandText', 'argPattern', 'lastUsedCommand', 'lastResolvedPath'] as const) {
    const text = optionalString(value[key]);
    if (text !== undefined) entry[key] = text;
  }
  if (value.source === 'allow-always') entry.source = 'allow-always';
  if (typeof value.lastUsedAt === 'number' && value.lastUsedAt >= 0) entry.lastUsedAt = value.lastUsedAt;
  return entry;
}

/** `main`'s own scalar fields win; allowlists are merged, deduplicated case-insensitively. */
function mergeLegacyDefault(main: Agent | undefined, legacy: Agent): Agent {
  const merged: Agent = { ...legacy, ...main };
  const seen = new Set<string>();
  const allowlist = [...(main?.allowlist ?? []), ...(legacy.allowlist ?? [])].filter((entry) => {
    const key = entry.pattern.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (allowlist.length > 0) merged.allowlist = allowlist;
  return merged;
}

/** The file as a snapshot shows it: the socket token never leaves the host. */
export function redactApprovalsFile(file: ExecApprovalsFile): ExecApprovalsFile {
  if (file.socket?.token === undefined) return file;
  const { token: _token, ...socket } = file.socket;
  return { ...file, socket };
}
