import type { z } from 'zod';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { configSchema, type OpenClawConfig } from './config-schema.js';
import { formatConfigPath, type ConfigPath } from './config-path.js';
import { getConfigValue, unsetConfigValue } from './config-value.js';
import { isSecretPath } from './redact-secrets.js';
import { isOpenClawKey, unknownKeyIssue, unknownKeysInside } from './unknown-keys.js';

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

/** A valid config, and the OpenClaw-only keys that were set aside to get it. */
export interface ValidatedConfig {
  config: OpenClawConfig;
  /**
   * Keys this product does not use but the real OpenClaw knows (`nodeHost`), as key paths.
   * They were accepted and ignored; the caller warns about them once.
   */
  foreignKeys: string[];
}

/**
 * Validates a raw config object and fills in defaults. Keys outside our schema that the
 * real OpenClaw knows are set aside and returned as `foreignKeys`; any other problem makes
 * it throw ONE `CONFIG_INVALID` error whose message lists every issue as
 * `<key path>: <problem>` (an unknown key with the nearest known key as a suggestion).
 * Values of secret keys are never quoted in the message.
 *
 * @example
 * validateConfig({ tools: { exec: { host: 'moon' } } }, { file: 'openclaw.json' });
 * // throws: Config invalid at openclaw.json.
 * //         - tools.exec.host: expected one of sandbox|gateway|node
 */
export function validateConfig(raw: unknown, options: ValidateConfigOptions = {}): ValidatedConfig {
  let result = configSchema.safeParse(raw);
  const foreign = result.success ? [] : result.error.issues.flatMap(unknownKeyPaths).filter(isOpenClawKey);
  const issues = foreign.flatMap((path) => unknownKeysInside(raw, path));
  if (foreign.length > 0) result = configSchema.safeParse(withoutKeys(raw, foreign));
  if (!result.success) issues.unshift(...result.error.issues.flatMap((issue) => toConfigIssues(issue, raw)));
  if (result.success && issues.length === 0) return { config: result.data, foreignKeys: foreign.map(formatConfigPath).sort() };
  for (const issue of issues) {
    const variable = options.envSources?.get(issue.path);
    if (variable !== undefined) issue.message += ` (from ${variable})`;
  }
  const where = options.file === undefined ? 'Config invalid.' : `Config invalid at ${options.file}.`;
  const lines = issues.map((issue) => `- ${issue.path}: ${issue.message}`);
  if (options.footer !== undefined) lines.push(options.footer);
  throw new OpenClawError('CONFIG_INVALID', [where, ...lines].join('\n'), { details: { path: options.file, issues } });
}

function issuePath(issue: z.core.$ZodIssue): (string | number)[] {
  return issue.path.filter((key): key is string | number => typeof key !== 'symbol');
}

function unknownKeyPaths(issue: z.core.$ZodIssue): ConfigPath[] {
  return issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issuePath(issue), key]) : [];
}

/** A copy of `raw` without the keys at `paths` (each the path of an object key). */
function withoutKeys(raw: unknown, paths: readonly ConfigPath[]): unknown {
  const copy = structuredClone(raw) as Record<string, unknown>;
  for (const path of paths) unsetConfigValue(copy, path);
  return copy;
}

function toConfigIssues(issue: z.core.$ZodIssue, raw: unknown): ConfigIssue[] {
  // One line per key, addressed at the key itself: that is what the user has to fix.
  if (issue.code === 'unrecognized_keys') return unknownKeyPaths(issue).map((path) => unknownKeyIssue(path));
  const path = issuePath(issue);
  // A secret's type may be named in the message, its content never.
  const show = (value: unknown) => (isSecretPath(path) && typeof value !== 'object' ? `${typeof value} (value hidden)` : preview(value));
  return [{ path: formatConfigPath(path), message: describeIssue(issue, getConfigValue(raw, path), show) }];
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown, show: (value: unknown) => string): string {
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('|')}, received ${show(value)}`;
    case 'invalid_type':
    {
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      return value === undefined ? `required (expected ${expected})` : `expected ${expected}, received ${show(value)}`;
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
