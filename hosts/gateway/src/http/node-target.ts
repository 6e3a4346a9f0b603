import { resolveNode } from '@openclaw-nodes/core/nodes';
import type { GatewayContext } from '../gateway-context.js';

/**
 * The node a `:node` path segment names: id, IP, display name or an id prefix of 6+
 * characters, resolved as the CLI's `--node` is. An exact id skips building the catalogue.
 * Throws `NODE_NOT_FOUND` (404) or `NODE_AMBIGUOUS` (409).
 */
export function targetNode(ctx: GatewayContext, query: string): string {
  if (ctx.registry.route(query) || ctx.store.device(query)?.roles.includes('node')) return query;
  return resolveNode(ctx.registry.list(), query).nodeId;
}
