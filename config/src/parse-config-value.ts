import JSON5 from 'json5';
import { OpenClawError } from '@openclaw-nodes/core/errors';

export interface ParseConfigValueOptions {
  /** Require strict JSON instead of falling back to the raw string. */
  strictJson?: boolean;
  /** The value is a secret: an error must not quote it (JSON.parse's own message does). */
  secret?: boolean;
}

/**
 * Turns a command-line value into a config value: JSON5 when it parses (`18790`, `true`,
 * `["a","b"]`, `{id:"main"}`), else the text itself (`Build Node`). With `strictJson` the
 * value must be JSON and anything else is a `CLI_USAGE` error.
 *
 * @example
 * parseConfigValue('18790'); // 18790
 * parseConfigValue('Build Node'); // 'Build Node'
 */
export function parseConfigValue(text: string, options: ParseConfigValueOptions = {}): unknown {
  if (options.strictJson) {
    try {
      return JSON.parse(text);
    } catch (err) {
      if (options.secret) throw new OpenClawError('CLI_USAGE', 'Value is not valid JSON (the value of a secret key is not shown).');
      throw new OpenClawError('CLI_USAGE', `Value is not valid JSON: ${(err as Error).message}`, { details: { value: text }, cause: err });
    }
  }
  try {
    return JSON5.parse(text);
  } catch {
    return text;
  }
}
