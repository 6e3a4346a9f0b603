import { OpenClawError } from '@openclaw-nodes/core/errors';
import { formatConfigPath } from './config-path.js';

// `$${NAME}` (escape, kept as `${NAME}`) or `${NAME}`; names are upper case, as in OpenClaw.
const REFERENCE = /\$(\$?)\{([A-Z_][A-Z0-9_]*)\}/g;

export interface ExpandEnvVarsOptions {
  /** The file named in the error. */
  file?: string;
  /** Leave `${NAME}` as it is when NAME is unset, instead of failing (for validating edits). */
  keepMissing?: boolean;
  /** Keys whose unset references are left as written, instead of failing (settings nobody reads). */
  keepMissingAt?: (path: readonly (string | number)[]) => boolean;
}

/**
 * A copy of a raw config with `${NAME}` in every string replaced by the environment
 * variable NAME, so a secret can live outside the file. `$${NAME}` stands for the literal
 * text `${NAME}`. Only upper-case names `[A-Z_][A-Z0-9_]*` are references; anything else
 * with a `$` is kept as written. A reference to an unset or empty variable is a
 * `CONFIG_ENV_MISSING` error naming the variable and the key, unless the options keep it.
 *
 * @example
 * expandEnvVars({ gateway: { auth: { token: '${GW_TOKEN}' } } }, { GW_TOKEN: 'abc' });
 * // { gateway: { auth: { token: 'abc' } } }
 */
export function expandEnvVars(raw: unknown, env: NodeJS.ProcessEnv, options: ExpandEnvVarsOptions = {}): unknown {
  const visit = (value: unknown, path: (string | number)[]): unknown => {
    if (typeof value === 'string') return value.includes('$') ? expandString(value, env, path, options) : value;
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, visit(child, [...path, key])]));
    }
    return value;
  };
  return visit(raw, []);
}

/**
 * The environment variables a raw config refers to with `${NAME}` (escaped `$${NAME}` not
 * counted), each once. The host treats them as its own: they usually hold its secrets.
 *
 * @example
 * envReferences({ gateway: { auth: { token: '${GW_TOKEN}' } } }); // ['GW_TOKEN']
 */
export function envReferences(raw: unknown): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const [, escape, name] of value.matchAll(REFERENCE)) if (escape !== '$') names.add(name);
    } else if (typeof value === 'object' && value !== null) {
      for (const child of Object.values(value)) visit(child);
    }
  };
  visit(raw);
  return [...names];
}

function expandString(text: string, env: NodeJS.ProcessEnv, path: (string | number)[], options: ExpandEnvVarsOptions): string {
  return text.replace(REFERENCE, (whole, escape: string, name: string) => {
    if (escape === '$') return `\${${name}}`;
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (options.keepMissing || options.keepMissingAt?.(path)) return whole;
    const key = formatConfigPath(path);
    const where = options.file === undefined ? '' : ` in ${options.file}`;
    throw new OpenClawError('CONFIG_ENV_MISSING', `Config key ${key}${where} refers to \${${name}}, but the environment variable ${name} is not set. Set it, or write $\${${name}} for the literal text.`, {
      details: { path: options.file, key, variable: name },
    });
  });
}
