/**
 * Keys whose values never reach a log line, at any depth up to `REDACT_DEPTH`: the gateway
 * token and passwords (`auth` objects as a whole), device tokens, device signatures and keys,
 * HTTP credentials.
 */
export const SECRET_KEYS = ['auth', 'token', 'deviceToken', 'password', 'secret', 'signature', 'privateKey', 'authorization', 'cookie'] as const;

/** Nesting levels covered: a connect frame's `params.auth.token` is at depth 3 under a field. */
export const REDACT_DEPTH = 6;

/** What a redacted value is replaced with (the same marker `config get` prints). */
export const REDACTED = '__OPENCLAW_REDACTED__';

/**
 * pino `redact` paths for every secret key at depths 0..REDACT_DEPTH-1 (`token`,
 * `*.token`, `*.*.token`, ...). pino's paths have no recursive wildcard, hence the list.
 */
export function redactPaths(keys: readonly string[] = SECRET_KEYS, depth = REDACT_DEPTH): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    for (let d = 0; d < depth; d++) paths.push(`${'*.'.repeat(d)}${key}`);
  }
  return paths;
}
