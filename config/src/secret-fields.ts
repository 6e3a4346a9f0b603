import { z } from 'zod';

/** What `config get` and other outputs print instead of a secret value. */
export const REDACTED = '__OPENCLAW_REDACTED__';

/**
 * The schema fields holding secrets. Marking happens where a field is declared, so a new
 * secret field is covered by redaction as soon as it is marked; a test checks that every
 * field whose name looks secret is marked.
 */
export const secretFields = z.registry<{ secret: true }>();

/**
 * Marks a field schema as a secret (redacted from output, never echoed in errors).
 *
 * @example
 * const auth = z.strictObject({ token: secret(z.string().min(1)).optional() });
 */
export function secret<T extends z.ZodType>(schema: T): T {
  secretFields.add(schema, { secret: true });
  return schema;
}

// The same name patterns the real OpenClaw redacts by, for keys our schema does not
// describe (plugin options, OpenClaw-only sections, `meta`).
const SECRET_NAME = [/token$/i, /password/i, /secret/i, /api.?key/i, /encrypt.?key/i, /private.?key/i];
// Counts and limits whose names happen to end in "token".
const NOT_SECRET_NAME = /(max\w*tokens|contexttokens|totaltokens|tokencount|tokenlimit|tokenbudget|passwordfile)$/i;

/**
 * Whether a key's name alone says it holds a secret (`botToken`, `password`, `apiKey`,
 * `clientSecret`), for keys with no schema of ours.
 *
 * @example
 * isSecretKeyName('apiKey'); // true
 * isSecretKeyName('maxTokens'); // false
 */
export function isSecretKeyName(key: string): boolean {
  return !NOT_SECRET_NAME.test(key) && SECRET_NAME.some((pattern) => pattern.test(key));
}
