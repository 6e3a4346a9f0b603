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
  const { host, port, tls, tlsFingerprint: fingerprint } = await nodeGatewayTarget(loaded.stateDir, flags);
  const args = ['node', 'run', '--host', host, '--port', String(port)];
  if (tls) args.push('--tls');
  if (fingerprint !== undefined) args.push('--tls-fingerprint', fingerprint);
  if (flags.displayName !== undefined) args.push('--display-name', flags.displayName);
  const { gateway } = loaded.config;
  const token = flags.token ?? process.env.OPENCLAW_GATEWAY_TOKEN ?? (gateway.mode === 'remote' ? gateway.remote?.token : undefined) ?? gateway.auth.token;
  await runInstall(
    { kind: 'node', args, environment: serviceEnvironment(loaded), secrets: token ? { OPENCLAW_GATEWAY_TOKEN: token } : {}, stateDir: loaded.stateDir, force: flags.force, dryRun: flags.dryRun },
    flags,
  );
}
