import { z } from 'zod';
import { pluginsConfigSchema } from '@openclaw-nodes/core/plugins-config';
import { positiveTimeoutMsSchema } from '@openclaw-nodes/core/timer-bounds';
import { agentExecConfigSchema, execConfigSchema } from './exec-config-schema.js';
import { gatewayConfigSchema } from './gateway-config-schema.js';

const agentSchema = z.strictObject({
  id: z.string().trim().min(1),
  name: z.string().min(1).optional(),
  /** The agent used when a command names none (e.g. `nodes run` without `--agent`). */
  default: z.boolean().optional(),
  tools: z.strictObject({ exec: agentExecConfigSchema.optional() }).optional(),
});

const agentsSchema = z
  .strictObject({ list: z.array(agentSchema).default([]) })
  .superRefine((agents, ctx) => {
    const seen = new Set<string>();
    agents.list.forEach((agent, index) => {
      if (seen.has(agent.id)) ctx.addIssue({ code: 'custom', path: ['list', index, 'id'], message: `duplicate agent id "${agent.id}"` });
      seen.add(agent.id);
    });
    if (agents.list.filter((agent) => agent.default === true).length > 1) {
      ctx.addIssue({ code: 'custom', path: ['list'], message: 'at most one agent may have default: true' });
    }
  });

/** Settings for the node host running on this machine (`openclaw node run`). */
const nodeHostSchema = z.strictObject({
  /** Longest a command handler may run when the gateway sends no timeoutMs. */
  invokeTimeoutMs: positiveTimeoutMsSchema.default(30_000),
  /** Name shown to operators; `node run --display-name` overrides it. Default: the machine name. */
  displayName: z.string().trim().min(1).optional(),
  media: z
    .strictObject({
      /** Media (photos, clips) up to this many bytes rides inline in the result; bigger is uploaded to the gateway over HTTP. */
      inlineMaxBytes: z.int().min(0).max(16 * 1024 * 1024).default(256 * 1024),
    })
    .prefault({}),
});

/**
 * The whole `openclaw.json`. Objects are strict so a misspelt key is an error instead of a
 * silently ignored setting; `$schema` (editor support) and `meta` (free-form notes kept by
 * tools) are the only extra top-level keys.
 *
 * @example
 * const config = configSchema.parse({ gateway: { port: 18790 } });
 * config.gateway.bind; // 'loopback'
 */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  gateway: gatewayConfigSchema.prefault({}),
  tools: z.strictObject({ exec: execConfigSchema.prefault({}) }).prefault({}),
  agents: agentsSchema.prefault({}),
  plugins: pluginsConfigSchema.prefault({}),
  nodes: nodeHostSchema.prefault({}),
});

/** A validated config with every default filled in. */
export type OpenClawConfig = z.infer<typeof configSchema>;
/** What a config file may contain (defaults not yet applied). */
export type OpenClawConfigInput = z.input<typeof configSchema>;
export type AgentConfig = z.infer<typeof agentSchema>;
export type NodeHostConfig = z.infer<typeof nodeHostSchema>;
