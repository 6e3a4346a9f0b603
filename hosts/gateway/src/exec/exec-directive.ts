import { OpenClawError } from '@openclaw-nodes/core/errors';
import { isExecAsk, isExecSecurity } from '@openclaw-nodes/core/exec';
import { isExecHost, type ExecOverrides, type ExecRouting } from './exec-routing.js';

const KEYS = new Set(['host', 'security', 'ask', 'node']);
const OPTIONS = 'Options: host=<sandbox|gateway|node> security=<deny|allowlist|full> ask=<off|on-miss|always> node=<id|name|ip>';

const invalid = (message: string) => new OpenClawError('EXEC_DIRECTIVE_INVALID', message);

/**
 * Parses an `/exec` directive (EXEC.md 11): `key=value` or `key:value` options, keys in any
 * case, stopping at the first word that is not one. The leading slash is optional, as in the
 * seed's `exec host=node security=allowlist node=<id>`.
 *
 * @throws OpenClawError `EXEC_DIRECTIVE_INVALID` with the seed's wording for a bad value.
 *
 * @example
 * parseExecDirective('/exec host=node security=allowlist node=build-node');
 * // { host: 'node', security: 'allowlist', node: 'build-node' }
 */
export function parseExecDirective(text: string): ExecOverrides {
  const words = text.trim().split(/\s+/);
  if (!/^\/?exec$/i.test(words[0] ?? '')) throw invalid('An exec directive starts with /exec.');
  const options: { host?: string; security?: string; ask?: string; node?: string } = {};
  for (const word of words.slice(1)) {
    const match = /^([A-Za-z]+)[=:](.*)$/.exec(word);
    const key = match?.[1].toLowerCase();
    if (!match || !key || !KEYS.has(key)) break;
    options[key as keyof typeof options] = match[2];
  }
  if (options.host !== undefined && !isExecHost(options.host)) throw invalid(`Unrecognized exec host "${options.host}". Valid hosts: sandbox, gateway, node.`);
  if (options.security !== undefined && !isExecSecurity(options.security)) throw invalid(`Unrecognized exec security "${options.security}". Valid: deny, allowlist, full.`);
  if (options.ask !== undefined && !isExecAsk(options.ask)) throw invalid(`Unrecognized exec ask "${options.ask}". Valid: off, on-miss, always.`);
  if (options.node !== undefined && options.node.trim() === '') throw invalid('Exec node requires a value.');
  return options as ExecOverrides;
}

/** The reply to a directive: what was set, or with no options the current defaults. */
export function directiveReply(set: ExecOverrides, current: ExecRouting): string {
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  if (entries.length > 0) return `Exec defaults set (${entries.map(([k, v]) => `${k}=${v}`).join(', ')}).`;
  return `Current exec defaults: host=${current.host}, security=${current.security}, ask=${current.ask}, node=${current.node ?? '(unset)'}.\n${OPTIONS}`;
}
