import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { readJsonFile } from '@openclaw-nodes/core/store';
import { loadCliConfig } from '../load-cli-config.js';
import { numberFlag } from './number-flag.js';
import { runInstall, serviceEnvironment, type InstallFlags } from './service-actions.js';

export interface NodeInstallFlags extends InstallFlags {
  host?: string;
  port?: string;
  tls?: boolean;
  tlsFingerprint?: string;
  displayName?: string;
}

interface SavedGateway {
  gateway?: { host?: unknown; port?: unknown; tls?: unknown; tlsFingerprint?: unknown };
}

/**
 * `openclaw node install`: a service running `openclaw node run` with the given gateway (else
 * the one `node.json` saved, else 127.0.0.1:18789), the same state dir and config file, and
 * the gateway token (`--token`, `OPENCLAW_GATEWAY_TOKEN`, else the config's) in the 0600 env file.
 */
export async function nodeInstall(flags: NodeInstallFlags): Promise<void> {
  const loaded = await loadCliConfig();
  const saved = (await readJsonFile<SavedGateway>(join(loaded.stateDir, 'node.json')).catch(() => undefined))?.gateway ?? {};
  const host = flags.host ?? (typeof saved.host === 'string' && saved.host ? saved.host : '127.0.0.1');
  const port = flags.port === undefined ? (typeof saved.port === 'number' ? saved.port : 18_789) : numberFlag('--port', flags.port, { integer: true, min: 1, max: 65_535 });
  const fingerprint = flags.tlsFingerprint ?? (typeof saved.tlsFingerprint === 'string' ? saved.tlsFingerprint : undefined);
  // Caught here rather than by a service failing at every start.
  if (fingerprint !== undefined && !/^(?:[0-9a-f]{64}|[0-9a-f]{2}(?::[0-9a-f]{2}){31})$/i.test(fingerprint)) {
    throw new OpenClawError('CLI_USAGE', `--tls-fingerprint must be a SHA-256 fingerprint: 64 hex digits, plain or colon-separated (AB:CD:…), got ${JSON.stringify(fingerprint.slice(0, 120))}`);
  }
  const tls = flags.tls === true || fingerprint !== undefined || saved.tls === true;
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
