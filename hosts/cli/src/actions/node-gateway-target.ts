import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { isSha256Fingerprint } from '@openclaw-nodes/core/rpc';
import { readJsonFile } from '@openclaw-nodes/core/store';
import { numberFlag } from './number-flag.js';

/** The gateway flags of `node run` and `node install`. */
export interface NodeGatewayFlags {
  host?: string;
  port?: string;
  tls?: boolean;
  tlsFingerprint?: string;
}

/** The gateway a node host connects to. */
export interface NodeGatewayTarget {
  host: string;
  port: number;
  tls: boolean;
  tlsFingerprint?: string;
}

interface SavedGateway {
  gateway?: { host?: unknown; port?: unknown; tls?: unknown; tlsFingerprint?: unknown };
}

/**
 * The gateway of `node run` / `node install`: each flag, else what `node.json` saved, else
 * 127.0.0.1:18789 without TLS. A saved `tls` and pin are kept only for the gateway they were
 * saved with (same host and port): a run without `--tls-fingerprint` does not drop a pin, and
 * a pin never follows the node to another gateway.
 *
 * @throws OpenClawError `CLI_USAGE` for a port or fingerprint no connection could use.
 */
export async function nodeGatewayTarget(stateDir: string, flags: NodeGatewayFlags): Promise<NodeGatewayTarget> {
  const saved = (await readJsonFile<SavedGateway>(join(stateDir, 'node.json')).catch(() => undefined))?.gateway ?? {};
  const host = flags.host ?? (typeof saved.host === 'string' && saved.host ? saved.host : '127.0.0.1');
  const port = flags.port === undefined ? (typeof saved.port === 'number' ? saved.port : 18_789) : numberFlag('--port', flags.port, { integer: true, min: 1, max: 65_535 });
  const sameGateway = saved.host === host && saved.port === port;
  const fingerprint = flags.tlsFingerprint ?? (sameGateway && typeof saved.tlsFingerprint === 'string' ? saved.tlsFingerprint : undefined);
  // Caught here rather than as a mismatch at every connect (or by a service failing at every start).
  if (fingerprint !== undefined && !isSha256Fingerprint(fingerprint)) {
    throw new OpenClawError('CLI_USAGE', `--tls-fingerprint must be a SHA-256 fingerprint: 64 hex digits, plain or colon-separated (AB:CD:…), got ${JSON.stringify(fingerprint.slice(0, 120))}`);
  }
  const tls = flags.tls === true || fingerprint !== undefined || (sameGateway && saved.tls === true);
  return { host, port, tls, ...(fingerprint === undefined ? {} : { tlsFingerprint: fingerprint }) };
}
