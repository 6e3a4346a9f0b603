import { z } from 'zod';
import { positiveTimeoutMsSchema } from '../protocol/timer-bounds.js';

/**
 * The `plugins` section of `openclaw.json`. It lives in core because the plugin host reads
 * it; the config package embeds this schema in the full config schema.
 */
export const pluginsConfigSchema = z
  .object({
    /**
     * Capabilities (plugin names) this machine enables. Unset means the host flavour's
     * default set (gateway: all built-ins; headless node: system; desktop: its full set).
     */
    enabled: z.array(z.string().min(1)).optional(),
    /** Third-party plugins by package name or file path (absolute, or relative to the config file). */
    load: z.array(z.string().min(1)).default([]),
    /** Per-plugin options, by plugin name; validated against each plugin's options schema. */
    options: z.record(z.string(), z.unknown()).default({}),
    /** Per-plugin start timeout override, ms. */
    startTimeoutMs: positiveTimeoutMsSchema.optional(),
  })
  .strict();

export type PluginsConfig = z.infer<typeof pluginsConfigSchema>;
