import { OpenClawError } from '@openclaw-nodes/core/errors';

// Read bare by systemd's EnvironmentFile= and node's --env-file alike (tokens, hex, base64).
const BARE_VALUE = /^[A-Za-z0-9._~+/=:@%,-]*$/;
const MAX_VALUE_LENGTH = 4_096;

/**
 * The content of a service's env file: `NAME=value` lines that systemd's `EnvironmentFile=`
 * and `node --env-file` read the same way. A value outside the bare characters is single-
 * quoted (both read it literally); one that neither could read back exactly (a quote, a
 * line break, over 4096 characters) is refused rather than written half-right.
 *
 * @throws OpenClawError CLI_USAGE naming the variable, never its value.
 * @example
 * buildEnvFile({ OPENCLAW_GATEWAY_TOKEN: 'abc' }); // '# Written by openclaw ... \nOPENCLAW_GATEWAY_TOKEN=abc\n'
 */
export function buildEnvFile(variables: Record<string, string>): string {
  const lines = ['# Written by `openclaw node|gateway install`; read by the service at start. Keep it private (mode 0600).'];
  for (const [name, value] of Object.entries(variables)) {
    if (value.length > MAX_VALUE_LENGTH || /['\u0000-\u001f\u007f]/.test(value)) {
      throw new OpenClawError('CLI_USAGE', `${name} holds a quote, a control character or more than ${MAX_VALUE_LENGTH} characters, which a service environment file cannot carry; choose another value`);
    }
    lines.push(`${name}=${BARE_VALUE.test(value) ? value : `'${value}'`}`);
  }
  return `${lines.join('\n')}\n`;
}
