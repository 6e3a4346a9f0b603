import { z } from 'zod';

/** At most this many plugins in one `node.plugins` event: far more than a node enables. */
export const MAX_NODE_PLUGINS = 64;

/** Where `openclaw plugins list` found a plugin. */
export const PLUGIN_SOURCES = ['built-in', 'package', 'path'] as const;

/**
 * One plugin's status as a node host reports it (`node.plugins` event, `node.describe`,
 * `openclaw plugins list`): `ok`, `unavailable` on this machine (with the reason) or
 * `failed` with the error code and message. Every field is bounded: a node's report is
 * stored by the gateway and shown to operators.
 */
export const NodePluginStatusSchema = z.strictObject({
  name: z.string().min(1).max(200),
  version: z.string().max(64),
  status: z.enum(['ok', 'unavailable', 'failed']),
  code: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/).optional(),
  message: z.string().max(1_000).optional(),
});
export type NodePluginStatus = z.infer<typeof NodePluginStatusSchema>;

/** The `node.plugins` event payload: every plugin the node host was configured with. */
export const NodePluginsUpdateSchema = z.strictObject({ plugins: z.array(NodePluginStatusSchema).max(MAX_NODE_PLUGINS) });
export type NodePluginsUpdate = z.infer<typeof NodePluginsUpdateSchema>;
