import type { ConfigPath } from './config-path.js';
import { schemaKeyTree } from './schema-key-tree.js';
import { REDACTED, isSecretKeyName } from './secret-fields.js';

/**
 * Whether the value at a config path is a secret: a field our schema marks secret, or a
 * key whose name says so (`apiKey`, `botToken`, `password`, ...) where the schema says
 * nothing (plugin options, OpenClaw-only sections).
 *
 * @example
 * isSecretPath(['gateway', 'auth', 'token']); // true
 */
export function isSecretPath(path: ConfigPath): boolean {
  if (path.length === 0) return false;
  const last = path[path.length - 1];
  return schemaKeyTree().isSecret(path) || (typeof last === 'string' && isSecretKeyName(last));
}

/**
 * A copy of `value` (found at `path`) with every secret replaced by `__OPENCLAW_REDACTED__`,
 * at any depth. Objects and lists under a secret key are searched, not blanked, so their
 * structure (e.g. a `{source, id}` reference) stays visible.
 *
 * @example
 * redactSecrets({ auth: { mode: 'token', token: 'abc' } }, ['gateway']);
 * // { auth: { mode: 'token', token: '__OPENCLAW_REDACTED__' } }
 */
export function redactSecrets(value: unknown, path: ConfigPath = []): unknown {
  if (Array.isArray(value)) return value.map((item, index) => redactSecrets(item, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, redactSecrets(child, [...path, key])]));
  }
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  return isSecretPath(withoutTrailingIndexes(path)) ? REDACTED : value;
}

/** A list of secrets (`apiKeys: ["a", "b"]`) is secret item by item. */
function withoutTrailingIndexes(path: ConfigPath): ConfigPath {
  let end = path.length;
  while (end > 0 && typeof path[end - 1] === 'number') end--;
  return path.slice(0, end);
}
