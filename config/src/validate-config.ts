import type { z } from 'zod';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { configSchema, type OpenClawConfig } from './config-schema.js';
import { formatConfigPath } from './config-path.js';
import { getConfigValue } from './config-value.js';

/** One problem in a config, addressed by the key path a user would type. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export interface ValidateConfigOptions {
  /** The file the config came from, named in the error. */
  file?: string;
  /** Formatted key paths whose value came from an environment variable, by variable name. */
  envSources?: ReadonlyMap<string, string>;
  /** A last line for the message, e.g. what did or did not happen because of the issues. */
  footer?: string;
}

/**
 * Validates a raw config object and fills in defaults. On failure throws ONE
 * `CONFIG_INVALID` error whose message lists every issue as `<key path>: <problem>`.
 *
 * @example
 * validateConfig({ tools: { exec: { host: 'moon' } } }, { file: 'openclaw.json' });
 * // throws: Config invalid at openclaw.json.
 * //         - tools.exec.host: expected one of sandbox|gateway|node
 */
export function validateConfig(raw: unknown, options: ValidateConfigOptions = {}): OpenClawConfig {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue) => toConfigIssues(issue, raw));
  for (const issue of issues) {
    const variable = options.envSources?.get(issue.path);
    if (variable !== undefined) issue.message += ` (from ${variable})`;
  }
  const where = options.file === undefined ? 'Config invalid.' : `Config invalid at ${options.file}.`;
  const lines = issues.map((issue) => `- ${issue.path}: ${issue.message}`);
  if (options.footer !== undefined) lines.push(options.footer);
  throw new OpenClawError('CONFIG_INVALID', [where, ...lines].join('\n'), { details: { path: options.file, issues } });
}

function toConfigIssues(issue: z.core.$ZodIssue, raw: unknown): ConfigIssue[] {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    // One line per key, addressed at the key itself: that is what the user has to delete.
    return issue.keys.map((key) => ({ path: formatConfigPath([...path, key]), message: 'unknown key' }));
  }
  return [{ path: formatConfigPath(path), message: describeIssue(issue, getConfigValue(raw, path)) }];
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('|')}, received ${preview(value)}`;
    case 'invalid_type':
    {
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      return value === undefined ? `required (expected ${expected})` : `expected ${expected}, received ${preview(value)}`;
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item(s)`;
      return `must be ${issue.inclusive === false ? '>' : '>='} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} item(s)`;
      return `must be ${issue.inclusive === false ? '<' : '<='} ${issue.maximum}`;
    default:
      return issue.message;
  }
}

function preview(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}
