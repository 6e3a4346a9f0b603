import { execSection, isExecAsk, isExecSecurity, type ExecAsk, type ExecConfigView, type ExecSecurity } from '@openclaw-nodes/core/exec';

export const EXEC_HOSTS = ['sandbox', 'gateway', 'node'] as const;
export type ExecHostKind = (typeof EXEC_HOSTS)[number];
export const isExecHost = (value: unknown): value is ExecHostKind => EXEC_HOSTS.includes(value as ExecHostKind);

/** What a session's `/exec` directive set; every key optional. */
export interface ExecOverrides {
  readonly host?: ExecHostKind;
  readonly security?: ExecSecurity;
  readonly ask?: ExecAsk;
  readonly node?: string;
}

/** Where and under which policy an exec call runs, before per-call tightening. */
export interface ExecRouting {
  readonly host: ExecHostKind;
  readonly security: ExecSecurity;
  readonly ask: ExecAsk;
  /** The bound node (id, name or IP), if any. */
  readonly node?: string;
  readonly pathPrepend?: readonly string[];
}

/**
 * Resolves host, security, ask and node for one call (EXEC.md 2): session override, then the
 * agent's `agents.list[i].tools.exec`, then `tools.exec`, then the defaults — `gateway` (this
 * gateway has no sandbox runtime), `allowlist` (`deny` for a sandbox), `on-miss`.
 *
 * @example
 * resolveExecRouting({ tools: { exec: { host: 'node', node: 'Build Node' } } }, 'main', undefined);
 * // { host: 'node', security: 'allowlist', ask: 'on-miss', node: 'Build Node' }
 */
export function resolveExecRouting(config: ExecConfigView | undefined, agentId: string, session: ExecOverrides | undefined): ExecRouting {
  const section = execSection(config, agentId);
  const host = session?.host ?? (isExecHost(section.host) ? section.host : 'gateway');
  const security = session?.security ?? (isExecSecurity(section.security) ? section.security : host === 'sandbox' ? 'deny' : 'allowlist');
  const ask = session?.ask ?? (isExecAsk(section.ask) ? section.ask : 'on-miss');
  const node = session?.node ?? section.node;
  return { host, security, ask, ...(node ? { node } : {}), ...(section.pathPrepend ? { pathPrepend: section.pathPrepend } : {}) };
}
