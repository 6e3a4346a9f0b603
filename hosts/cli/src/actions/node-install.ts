import { gatewayUrl, hostEntry, type GatewayAddress } from '@openclaw-nodes/node-host';
import { loadCliConfig } from '../load-cli-config.js';
import { nodeGatewayTarget, type NodeGatewayFlags } from './node-gateway-target.js';
import { runInstall, serviceEnvironment, type InstallFlags } from './service-actions.js';

export interface NodeInstallFlags extends InstallFlags, NodeGatewayFlags {
  displayName?: string;
}

/**
 * `openclaw node install`: a service running `openclaw node run` with the given gateway (else
 * the one `node.json` saved, else 127.0.0.1:18789), the same state dir and config file, and
 * the gateway token (`--token`, `OPENCLAW_GATEWAY_TOKEN`, else the config's) in the 0600 env file.
 */
export async function nodeInstall(flags: NodeInstallFlags): Promise<void> {
  const loaded = await loadCliConfig();
  const { gateways } = await nodeGatewayTarget(loaded.stateDir, flags);
  const args = ['node', 'run', ...gatewayArgs(gateways)];
  if (flags.displayName !== undefined) args.push('--display-name', flags.displayName);
  const { gateway } = loaded.config;
  const token = flags.token ?? process.env.OPENCLAW_GATEWAY_TOKEN ?? (gateway.mode === 'remote' ? gateway.remote?.token : undefined) ?? gateway.auth.token;
  await runInstall(
    { kind: 'node', args, environment: serviceEnvironment(loaded), secrets: token ? { OPENCLAW_GATEWAY_TOKEN: token } : {}, stateDir: loaded.stateDir, force: flags.force, dryRun: flags.dryRun },
    flags,
  );
}

/**
 * The service's gateway flags. One address: `--host --port [--tls] [--tls-fingerprint]`.
 * Several: one `--url` each, and `--tls-fingerprint` when every address has the same pin;
 * differing pins stay in `node.json`, which the service shares and which keeps each
 * address's pin when the command line names none.
 */
function gatewayArgs(gateways: GatewayAddress[]): string[] {
  // A pin on the command line pins every address, so it can stand only for one shared by all.
  const pins = new Set(gateways.map((g) => g.tlsFingerprint));
  const pin = pins.size === 1 ? [...pins][0] : undefined;
  const pinArgs = pin === undefined ? [] : ['--tls-fingerprint', pin];
  if (gateways.length === 1) {
    const [g] = gateways as [GatewayAddress];
    return ['--host', hostEntry(g, false), '--port', String(g.port), ...(g.tls ? ['--tls'] : []), ...pinArgs];
  }
  return [...gateways.flatMap((g) => ['--url', gatewayUrl({ host: g.host, port: g.port, tls: g.tls })]), ...pinArgs];
}
