import { toConfigPath, type ConfigPath } from './config-path.js';
import { getConfigValue, setConfigValue } from './config-value.js';

/** The id OpenClaw gives its default agent, and the one used when no agent is marked default. */
export const DEFAULT_AGENT_ID = 'main';

/**
 * `setConfigValue` as `openclaw config set` means it: when the path creates an
 * `agents.list` item through a key inside it (`agents.list[0].tools.exec.node` on a fresh
 * machine), the new item is the default agent `main`, as in OpenClaw, so the seed's
 * per-agent example works as written. If an agent is already called `main`, the new item
 * keeps no id and validation asks for one.
 *
 * @example
 * const raw = {};
 * setConfigKey(raw, 'agents.list[0].tools.exec.node', 'Build Node');
 * // raw = { agents: { list: [{ id: 'main', tools: { exec: { node: 'Build Node' } } }] } }
 */
export function setConfigKey(root: Record<string, unknown>, path: string | ConfigPath, value: unknown): void {
  const keys = toConfigPath(path);
  const createsAgent = keys.length > 3 && keys[0] === 'agents' && keys[1] === 'list' && getConfigValue(root, keys.slice(0, 3)) === undefined;
  setConfigValue(root, keys, value);
  if (!createsAgent) return;
  const list = getConfigValue(root, ['agents', 'list']);
  if (!Array.isArray(list)) return; // `agents.list` is not a list: validation says so
  const index = list.findIndex((item) => item === getConfigValue(root, keys.slice(0, 3)));
  const taken = list.some((agent) => typeof agent === 'object' && agent !== null && agent.id === DEFAULT_AGENT_ID);
  if (index >= 0 && typeof list[index] === 'object' && list[index].id === undefined && !taken) list[index] = { id: DEFAULT_AGENT_ID, ...list[index] };
}
