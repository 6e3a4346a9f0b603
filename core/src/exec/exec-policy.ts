import { EXEC_ASK, EXEC_SECURITY, type ExecAllowlistEntry, type ExecApprovalsFile } from '../protocol/exec-approvals.js';

export type ExecSecurity = (typeof EXEC_SECURITY)[number];
export type ExecAsk = (typeof EXEC_ASK)[number];

/** An allowlist entry with the agent section it lives in (`*` or the agent id). */
export interface OwnedAllowlistEntry extends ExecAllowlistEntry {
  readonly agentKey: string;
}

/** What the approvals file says for one agent, every field decided. */
export interface ExecPolicy {
  readonly security: ExecSecurity;
  readonly ask: ExecAsk;
  readonly askFallback: ExecSecurity;
  readonly autoAllowSkills: boolean;
  readonly allowlist: readonly OwnedAllowlistEntry[];
}

/** Values used where the file says nothing (on a node: its own `tools.exec` config). */
export interface PolicyFallbacks {
  readonly security?: ExecSecurity;
  readonly ask?: ExecAsk;
}

export const DEFAULT_AGENT_ID = 'main';

export const isExecSecurity = (value: unknown): value is ExecSecurity => EXEC_SECURITY.includes(value as ExecSecurity);
export const isExecAsk = (value: unknown): value is ExecAsk => EXEC_ASK.includes(value as ExecAsk);

/** The stricter of two securities: deny < allowlist < full. */
export const minSecurity = (a: ExecSecurity, b: ExecSecurity): ExecSecurity => (EXEC_SECURITY.indexOf(a) <= EXEC_SECURITY.indexOf(b) ? a : b);
/** The more insistent of two ask modes: off < on-miss < always. */
export const maxAsk = (a: ExecAsk, b: ExecAsk): ExecAsk => (EXEC_ASK.indexOf(a) >= EXEC_ASK.indexOf(b) ? a : b);

/**
 * Resolves the policy of one agent from an approvals file (EXEC.md 4.1): each field comes
 * from the agent's section, else the `*` section, else the file defaults, else the
 * fallbacks, else `deny` / `on-miss` / `deny` / `false`. Invalid values count as unset. The
 * allowlist is `*`'s entries followed by the agent's own.
 *
 * @example
 * resolveExecPolicy(file, 'main', { security: 'allowlist', ask: 'on-miss' }).security;
 */
export function resolveExecPolicy(file: ExecApprovalsFile, agentId: string = DEFAULT_AGENT_ID, fallbacks: PolicyFallbacks = {}): ExecPolicy {
  const defaults = file.defaults ?? {};
  const wildcard = file.agents?.['*'] ?? {};
  const agent = file.agents?.[agentId] ?? {};
  const layers = agentId === '*' ? [wildcard] : [agent, wildcard];
  const pick = <T>(key: 'security' | 'ask' | 'askFallback', valid: (v: unknown) => v is T, fallback: T): T => {
    for (const layer of layers) if (valid(layer[key])) return layer[key] as T;
    return valid(defaults[key]) ? (defaults[key] as T) : fallback;
  };
  const autoAllowSkills = [...layers, defaults].map((layer) => layer.autoAllowSkills).find((v) => typeof v === 'boolean') ?? false;
  const own = (key: string, entries: readonly ExecAllowlistEntry[] | undefined) => (entries ?? []).map((entry) => ({ ...entry, agentKey: key }));
  return {
    security: pick('security', isExecSecurity, fallbacks.security ?? 'deny'),
    ask: pick('ask', isExecAsk, fallbacks.ask ?? 'on-miss'),
    askFallback: pick('askFallback', isExecSecurity, 'deny'),
    autoAllowSkills,
    allowlist: agentId === '*' ? own('*', wildcard.allowlist) : [...own('*', wildcard.allowlist), ...own(agentId, agent.allowlist)],
  };
}

/**
 * Whether a person would have to approve the command (EXEC.md 5, 6.1): always with
 * `ask=always`; with `on-miss` only under `allowlist` when the command is not satisfied.
 */
export function requiresAsk(security: ExecSecurity, ask: ExecAsk, satisfied: boolean): boolean {
  return ask === 'always' || (ask === 'on-miss' && security === 'allowlist' && !satisfied);
}
