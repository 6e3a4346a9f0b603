import { lexShell } from '@openclaw-nodes/core/exec';

/** What an installed service would start with, read from its command. */
export interface ServiceRunFlags {
  readonly host?: string;
  readonly port?: number;
  readonly tls?: boolean;
  readonly tlsFingerprint?: string;
}

const VALUED = new Set(['--host', '--port', '--tls-fingerprint']);

/**
 * The address flags of the `… node run|gateway run …` command an installed service starts
 * (`ServiceStatus.command`, as `shellCommand` quoted it), so `openclaw status` can say where a
 * stopped or never-run host would listen or connect. Unknown or malformed flags are ignored.
 *
 * @example
 * serviceRunFlags("/usr/bin/node /x/openclaw.js gateway run --port 18799 --tls"); // { port: 18799, tls: true }
 */
export function serviceRunFlags(command: string | undefined): ServiceRunFlags {
  const lexed = command === undefined ? undefined : lexShell(command);
  if (!lexed?.ok) return {};
  const words = lexed.tokens.flatMap((t) => ('text' in t ? [t.text] : []));
  const values = new Map<string, string>();
  let tls = false;
  for (let i = words.indexOf('run') + 1; i > 0 && i < words.length; i++) {
    const [flag, inline] = words[i].split(/=(.*)/s, 2);
    if (flag === '--tls') tls = true;
    if (!VALUED.has(flag)) continue;
    const value = inline ?? words[++i];
    if (value !== undefined) values.set(flag, value);
  }
  const port = Number(values.get('--port'));
  const pin = values.get('--tls-fingerprint');
  return {
    ...(values.has('--host') ? { host: values.get('--host') } : {}),
    ...(Number.isInteger(port) && port > 0 && port < 65_536 ? { port } : {}),
    ...(tls || pin ? { tls: true } : {}),
    ...(pin ? { tlsFingerprint: pin } : {}),
  };
}
