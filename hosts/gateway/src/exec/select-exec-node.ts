import { OpenClawError } from '@openclaw-nodes/core/errors';
import { resolveNode } from '@openclaw-nodes/core/nodes';
import type { NodeEntry } from '../registry/node-registry.js';

const label = (n: NodeEntry) => `${n.displayName ?? n.remoteIp ?? n.nodeId} [node=${n.nodeId}]`;
const noRunner = () => new OpenClawError('EXEC_NODE_UNAVAILABLE', 'exec host=node requires a node that supports system.run (companion app or node host).');

/**
 * Picks the node an `exec host=node` call runs on (EXEC.md 3, with the 2026.9.6 rule for
 * an unbound call): the bound node (session, agent or `tools.exec.node`) or the one the call
 * names — never both when they differ — resolved like `--node`; with neither, the sole
 * connected node that can run commands. A bound node that is offline is refused later, not
 * replaced by another.
 *
 * @example
 * selectExecNode(registry.list(), 'Build Node', undefined).nodeId;
 */
export function selectExecNode(nodes: readonly NodeEntry[], bound: string | undefined, requested: string | undefined): NodeEntry {
  if (bound && requested && bound !== requested) {
    throw new OpenClawError('EXEC_NODE_NOT_ALLOWED', `exec node not allowed (bound to ${bound})`, { details: { bound, requested } });
  }
  if (nodes.length === 0) {
    throw new OpenClawError('EXEC_NODE_UNAVAILABLE', 'exec host=node requires a paired node (none available). This requires a companion app or node host.');
  }
  const query = bound || requested;
  let node: NodeEntry;
  if (query) {
    node = resolveNode(nodes, query);
  } else {
    const eligible = nodes.filter((n) => n.connected && n.commands.includes('system.run'));
    if (eligible.length === 0) throw noRunner();
    if (eligible.length > 1) {
      throw new OpenClawError(
        'EXEC_NODE_REQUIRED',
        `exec host=node requires a node id when multiple nodes are available (set tools.exec.node or exec.node): ${eligible.map(label).join(', ')}`,
        { details: { candidates: eligible.map((n) => n.nodeId) } },
      );
    }
    node = eligible[0];
  }
  if (!node.commands.includes('system.run')) throw noRunner();
  return node;
}
