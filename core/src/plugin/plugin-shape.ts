// Single-function entries: the semver index loads ~50 modules, which every gateway would pay at idle.
import valid from 'semver/functions/valid.js';
import validRange from 'semver/ranges/valid.js';
import { z } from 'zod';
import { OpenClawError } from '../errors.js';
import { isErrorCode, isPluginCodeShape } from '../errors/codes.js';
import { positiveTimeoutMsSchema } from '../protocol/timer-bounds.js';
import type { PluginDefinition } from './contract.js';
import { formatIssues } from './format-issues.js';

// Schemas are duck-typed: a third-party package may bring its own copy of zod.
const zodSchema = z.custom<z.ZodType>((v) => isObject(v) && typeof v.safeParse === 'function', {
  error: 'expected a zod schema',
});
const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', { error: 'expected a function' });

const commandShape = z.object({
  // Dotted ids as on the wire: system.which, canvas.a2ui.pushJSONL, system.execApprovals.get.
  name: z.string().regex(/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/, 'expected a dotted command id like "system.which"'),
  params: zodSchema,
  result: zodSchema,
  dangerous: z.boolean().optional(),
  foreground: z.boolean().optional(),
  description: z.string().optional(),
});

const errorCodeShape = z.object({
  wire: z.enum(['INVALID_REQUEST', 'NOT_PAIRED', 'FORBIDDEN', 'UNAVAILABLE', 'APPROVAL_NOT_FOUND']),
  status: z.number().int().min(400).max(599),
  summary: z.string().min(1).max(500),
  matchable: z.boolean(),
});

const pluginShape = z
  .object({
    // The name is a config key (plugins.options.<name>), so no dots or spaces.
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected a lowercase name like "system" or "my-plugin"'),
    version: z.string().refine((v) => valid(v) !== null, 'expected a semver version like "1.2.3"'),
    host: z
      .string()
      .refine((v) => validRange(v) !== null, 'expected a semver range like "^0.1.0"')
      .optional(),
    dependsOn: z.array(z.string().min(1)).optional(),
    caps: z.array(z.string().min(1)),
    commands: z.array(commandShape),
    errors: z.record(z.string(), errorCodeShape).optional(),
    options: zodSchema.optional(),
    node: z
      .object({
        register: fn.optional(),
        handlers: fn,
        permissions: fn.optional(),
        available: fn.optional(),
        start: fn.optional(),
        stop: fn.optional(),
      })
      .optional(),
    gateway: z
      .object({
        register: fn.optional(),
        postProcess: z.record(z.string(), fn).optional(),
        media: z
          .array(
            z.object({
              path: z.string().regex(/^[a-z0-9-]+(?:\/[a-z0-9-]+)*$/, 'lowercase words separated by "/"'),
              command: z.string().min(1),
              summary: z.string(),
              query: z.custom<z.ZodType>((v) => typeof (v as { safeParse?: unknown })?.safeParse === 'function', 'a zod schema'),
              kind: z.enum(['image', 'video', 'audio']),
              formats: z.array(z.string().min(1)).min(1),
              timeoutMs: positiveTimeoutMsSchema.optional(),
            }),
          )
          .optional(),
        start: fn.optional(),
        stop: fn.optional(),
      })
      .optional(),
    startTimeoutMs: positiveTimeoutMsSchema.optional(),
  })
  .superRefine((plugin, ctx) => {
    const seen = new Set<string>();
    plugin.commands.forEach((command, i) => {
      if (seen.has(command.name)) {
        ctx.addIssue({ code: 'custom', path: ['commands', i, 'name'], message: `command "${command.name}" is declared twice` });
      }
      seen.add(command.name);
    });
    plugin.gateway?.media?.forEach((route, i) => {
      if (!plugin.commands.some((c) => c.name === route.command)) {
        ctx.addIssue({ code: 'custom', path: ['gateway', 'media', i, 'command'], message: 'not a command this plugin declares' });
      }
    });
    // Codes look like core's (`CAMERA_PERMISSION_REQUIRED`): clients match on them by string.
    for (const code of Object.keys(plugin.errors ?? {})) {
      // A core code is refused by the merge (PLUGIN_ERROR_CODE_CONFLICT), with a better message.
      if (!isPluginCodeShape(code) && !isErrorCode(code)) {
        ctx.addIssue({ code: 'custom', path: ['errors', code], message: 'expected upper-case words joined by "_", like "ECHO_REFUSED" (at most 64 characters)' });
      }
    }
    for (const command of Object.keys(plugin.gateway?.postProcess ?? {})) {
      if (!seen.has(command)) {
        ctx.addIssue({ code: 'custom', path: ['gateway', 'postProcess', command], message: 'not a command this plugin declares' });
      }
    }
  });

/**
 * Checks that `value` is a well-formed plugin object and returns it unchanged (the original
 * object, so schema and function identities survive). `source` says where it came from.
 *
 * @example
 * const plugin = assertPluginShape((await import(file)).default, `module ${file}`);
 */
export function assertPluginShape(value: unknown, source: string): PluginDefinition {
  const result = pluginShape.safeParse(value);
  if (result.success) return value as PluginDefinition;
  const name = isObject(value) && typeof value.name === 'string' ? ` ("${value.name}")` : '';
  const problems = isObject(value) ? formatIssues(result.error.issues) : ['expected an object'];
  throw new OpenClawError('PLUGIN_INVALID', `${source}${name} is not a valid plugin: ${problems.join('; ')}`, {
    details: { source, issues: problems },
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
