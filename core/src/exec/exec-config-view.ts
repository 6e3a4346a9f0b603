import { isExecAsk, isExecSecurity, maxAsk, minSecurity, type ExecAsk, type ExecSecurity } from './exec-policy.js';

/** The `tools.exec` keys exec routing and enforcement read (global or per agent). */
export interface ExecConfigSection {
  readonly host?: string;
  readonly security?: string;
  readonly ask?: string;
  /** OpenClaw 2026.9.6's `deny|allowlist|ask|auto|full`; only ever tightens `security`/`ask`. */
  readonly mode?: string;
  readonly node?: string;
  readonly safeBins?: readonly string[];
  readonly pathPrepend?: readonly string[];
  /** How long an operator has to answer an exec approval request, ms. */
  readonly approvalTimeoutMs?: number;
}

/**
 * The part of `openclaw.json` exec cares about, typed structurally so that core and plugins
 * need not depend on the config package.
 */
export interface ExecConfigView {
  readonly tools?: { readonly exec?: ExecConfigSection };
  readonly agents?: { readonly list?: ReadonlyArray<{ readonly id: string; readonly default?: boolean; readonly tools?: { readonly exec?: ExecConfigSection } }> };
}

/** The agent a call without `agentId` runs as: the one marked `default`, else `main`. */
export function defaultAgentId(config: ExecConfigView | undefined): string {
  return config?.agents?.list?.find((agent) => agent.default === true)?.id ?? 'main';
}

/** What each OpenClaw `tools.exec.mode` means in security/ask terms; `auto`'s model reviewer does not exist here, so it asks. */
const MODE_POLICY: Readonly<Record<string, { security: ExecSecurity; ask?: ExecAsk }>> = {
  deny: { security: 'deny' },
  allowlist: { security: 'allowlist' },
  ask: { security: 'allowlist', ask: 'on-miss' },
  auto: { security: 'allowlist', ask: 'on-miss' },
  full: { security: 'full' },
};

/**
 * `tools.exec` with the agent's own `agents.list[i].tools.exec` keys laid over it, key by
 * key (EXEC.md 2: agent > global). A `mode` (OpenClaw 2026.9.6's knob) tightens the result:
 * the stricter security (unset counting as the default `allowlist`) and the more insistent
 * ask win, so `mode: deny` denies whatever `security` says, and `mode: full` loosens nothing.
 *
 * @example
 * execSection(config, 'ops').node; // agents.list[ops].tools.exec.node ?? tools.exec.node
 * execSection({ tools: { exec: { mode: 'deny' } } }, 'main').security; // 'deny'
 */
export function execSection(config: ExecConfigView | undefined, agentId: string): ExecConfigSection {
  const global = config?.tools?.exec ?? {};
  const agent = config?.agents?.list?.find((entry) => entry.id === agentId)?.tools?.exec ?? {};
  const merged: Record<string, unknown> = { ...global };
  for (const [key, value] of Object.entries(agent)) if (value !== undefined) merged[key] = value;
  const fromMode = typeof merged.mode === 'string' ? MODE_POLICY[merged.mode] : undefined;
  if (fromMode) {
    const security = isExecSecurity(merged.security) ? merged.security : 'allowlist';
    merged.security = minSecurity(security, fromMode.security);
    if (fromMode.ask) merged.ask = isExecAsk(merged.ask) ? maxAsk(merged.ask, fromMode.ask) : fromMode.ask;
  }
  return merged as ExecConfigSection;
}
