import { OpenClawError } from '../errors/openclaw-error.js';

/** What node resolution needs to know about a candidate (a `node.list` entry). */
export interface NodeCandidate {
  nodeId: string;
  displayName?: string;
  remoteIp?: string;
  connected?: boolean;
  clientId?: string;
}

/** `Build Node`, `build node`, `build-node` and `BUILD_NODE` all normalise to `build-node`. */
export const normalizeNodeName = (name: string): string =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');

const label = (n: NodeCandidate) => n.displayName || n.remoteIp || n.nodeId;

/** Score of a match, higher wins; 0 = no match (CLI.md section 2, tiered form). */
function score(n: NodeCandidate, query: string, normalized: string): number {
  if (n.nodeId === query) return 4000;
  if (n.remoteIp && n.remoteIp === query) return 3000;
  if (n.displayName) {
    const name = normalizeNodeName(n.displayName);
    if (name && name === normalized) return 2000;
    if (name && name.replace(/-/g, '') === normalized.replace(/-/g, '')) return 1900;
  }
  if (query.length >= 6 && n.nodeId.startsWith(query)) return 1000;
  return 0;
}

/**
 * Resolves `--node <idOrNameOrIp>`: exact id, then IP, then display name, then an id prefix
 * of 6 or more characters; among equal matches a connected node wins. Ambiguity is an error
 * naming the candidates, never a guess.
 *
 * @example
 * const node = resolveNode((await call('node.list')).nodes, 'build node');
 */
export function resolveNode<T extends NodeCandidate>(candidates: readonly T[], rawQuery: string): T {
  const query = rawQuery.trim();
  if (!query) throw new OpenClawError('NODE_NOT_FOUND', 'node required');
  const normalized = normalizeNodeName(query);
  let best = 0;
  let matches: T[] = [];
  for (const n of candidates) {
    const s = score(n, query, normalized);
    if (s === 0 || s < best) continue;
    if (s > best) {
      best = s;
      matches = [];
    }
    matches.push(n);
  }
  if (matches.length === 0) {
    const known = candidates.map(label).join(', ') || 'none';
    throw new OpenClawError('NODE_NOT_FOUND', `unknown node: ${query} (known: ${known})`, { details: { query } });
  }
  if (matches.length > 1) {
    const connected = matches.filter((n) => n.connected === true);
    if (connected.length === 1) return connected[0];
    const names = (connected.length ? connected : matches).map((n) => `${label(n)} [node=${n.nodeId}${n.clientId ? `, client=${n.clientId}` : ''}]`);
    throw new OpenClawError('NODE_AMBIGUOUS', `ambiguous node: ${query} (matches: ${names.join(', ')})`, {
      details: { query, candidates: matches.map((n) => n.nodeId) },
    });
  }
  return matches[0];
}
