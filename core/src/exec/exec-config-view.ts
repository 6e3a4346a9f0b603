/** The `tools.exec` keys exec routing and enforcement read (global or per agent). */
export interface ExecConfigSection {
  readonly host?: string;
  readonly security?: string;
  readonly ask?: string;
  readonly node?: string;
  readonly safeBins?: readonly string[];
  readonly pathPrepend?: readonly string[];
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

/**
 * `tools.exec` with the agent's own `agents.list[i].tools.exec` keys laid over it, key by
 * key (EXEC.md 2: agent > global).
 *
 * @example
 * execSection(config, 'ops').node; // agents.list[ops].tools.exec.node ?? tools.exec.node
 */
export function execSection(config: ExecConfigView | undefined, agentId: string): ExecConfigSection {
  const global = config?.tools?.exec ?? {};
  const agent = config?.agents?.list?.find((entry) => entry.id === agentId)?.tools?.exec ?? {};
  const merged: Record<string, unknown> = { ...global };
  for (const [key, value] of Object.entries(agent)) if (value !== undefined) merged[key] = value;
  return merged as ExecConfigSection;
}
