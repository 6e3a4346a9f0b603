import { formatConfigPath } from './config-path.js';
import { setConfigValue } from './config-value.js';

/** Environment variables that override a key of the file, applied after it is read. */
const OVERRIDES = [
  { variable: 'OPENCLAW_GATEWAY_TOKEN', path: ['gateway', 'auth', 'token'], parse: (value: string): unknown => value },
  // A port that is not all digits stays a string so validation reports it with its source.
  { variable: 'OPENCLAW_GATEWAY_PORT', path: ['gateway', 'port'], parse: (value: string): unknown => (/^\d+$/.test(value) ? Number(value) : value) },
] as const;

export interface EnvOverrideResult {
  /** A copy of the raw config with the overrides applied; the input is left as is. */
  raw: unknown;
  /** Formatted key path → variable name, for error messages. */
  sources: Map<string, string>;
}

/**
 * Applies `OPENCLAW_GATEWAY_TOKEN` and `OPENCLAW_GATEWAY_PORT` on top of a raw config.
 * Empty variables count as unset.
 *
 * @example
 * applyEnvOverrides({}, { OPENCLAW_GATEWAY_PORT: '18790' }).raw; // { gateway: { port: 18790 } }
 */
export function applyEnvOverrides(raw: unknown, env: NodeJS.ProcessEnv): EnvOverrideResult {
  const sources = new Map<string, string>();
  const active = OVERRIDES.filter(({ variable }) => (env[variable] ?? '').trim() !== '');
  if (active.length === 0 || !isPlainObject(raw)) return { raw, sources };
  const copy = structuredClone(raw);
  for (const { variable, path, parse } of active) {
    try {
      setConfigValue(copy, path, parse((env[variable] ?? '').trim()));
      sources.set(formatConfigPath(path), variable);
    } catch {
      // The file has a non-object on the way (e.g. `gateway: 1`); validation reports that.
    }
  }
  return { raw: copy, sources };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
