import { OpenClawError } from '@openclaw-nodes/core/errors';
import { loadCliConfig } from '../load-cli-config.js';
import { numberFlag } from './number-flag.js';
import { runInstall, serviceEnvironment, type InstallFlags } from './service-actions.js';

export interface GatewayInstallFlags extends InstallFlags {
  port?: string;
  bind?: string;
  host?: string;
  allowCommand?: string[];
  /** The service runs `gateway run --tls`. */
  tls?: boolean;
}

const BINDS: ReadonlySet<string> = new Set(['loopback', 'lan', 'custom']);

/**
 * `openclaw gateway install`: a service running `openclaw gateway run` with the given flags,
 * the same state dir and config file. A `--token` or `OPENCLAW_GATEWAY_TOKEN` goes to the
 * 0600 env file; a token in the config stays there (copying it would outlive a rotation).
 */
export async function gatewayInstall(flags: GatewayInstallFlags): Promise<void> {
  const loaded = await loadCliConfig();
  const args = ['gateway', 'run'];
  if (flags.port !== undefined) args.push('--port', String(numberFlag('--port', flags.port, { integer: true, min: 1, max: 65_535 })));
  if (flags.bind !== undefined) {
    if (!BINDS.has(flags.bind)) throw new OpenClawError('CLI_USAGE', `--bind must be loopback, lan or custom, got ${JSON.stringify(flags.bind)}`);
    args.push('--bind', flags.bind);
  }
  if (flags.host !== undefined) args.push('--host', flags.host);
  for (const command of flags.allowCommand ?? []) args.push('--allow-command', command);
  if (flags.tls) args.push('--tls');
  const token = flags.token ?? process.env.OPENCLAW_GATEWAY_TOKEN;
  await runInstall(
    { kind: 'gateway', args, environment: serviceEnvironment(loaded), secrets: token ? { OPENCLAW_GATEWAY_TOKEN: token } : {}, stateDir: loaded.stateDir, force: flags.force, dryRun: flags.dryRun },
    flags,
  );
}
