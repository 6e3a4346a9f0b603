import { join } from 'node:path';
import { hostEntry, parseGatewayList, sameAddress, savedGateways, type GatewayAddress } from '@openclaw-nodes/node-host';
import { readJsonFile } from '@openclaw-nodes/core/store';
import { numberFlag } from './number-flag.js';

/** The gateway flags of `node run` and `node install`. */
export interface NodeGatewayFlags {
  /** Comma-separated gateway addresses (`host`, `host:port`, `[v6]:port`). */
  host?: string;
  /** `ws://` / `wss://` gateway URLs (the flag repeated). */
  url?: string[];
  port?: string;
  tls?: boolean;
  tlsFingerprint?: string;
}

/** The gateways a node host fails over between, in order (1 to 16). */
export interface NodeGatewayTarget {
  gateways: GatewayAddress[];
}

/**
 * The gateways of `node run` / `node install`: `--host` entries and `--url`s, else the list
 * `node.json` saved (with `--port` replacing their ports when given), else 127.0.0.1:18789
 * without TLS. A saved `tls` and pin are kept only for the address they were saved with (same
 * host and port): a run without `--tls-fingerprint` does not drop a pin, and a pin never
 * follows the node to another gateway. `--tls-fingerprint` pins every address.
 *
 * @throws OpenClawError `CLI_USAGE` for a malformed address, port or fingerprint, or more than 16 addresses.
 */
export async function nodeGatewayTarget(stateDir: string, flags: NodeGatewayFlags): Promise<NodeGatewayTarget> {
  const saved = savedGateways(await readJsonFile<Record<string, unknown>>(join(stateDir, 'node.json')).catch(() => undefined));
  const port = flags.port === undefined ? undefined : numberFlag('--port', flags.port, { integer: true, min: 1, max: 65_535 });
  const named = flags.host !== undefined || (flags.url?.length ?? 0) > 0;
  // Saved entries as --host entries: their own ports unless --port replaces them.
  const savedHosts = saved.map((g) => hostEntry(g, port === undefined));
  const host = named ? flags.host : savedHosts.length > 0 ? savedHosts.join(',') : '127.0.0.1';
  const list = parseGatewayList({ host, urls: flags.url, port, tls: flags.tls, tlsFingerprint: flags.tlsFingerprint });
  const gateways = list.map((a): GatewayAddress => {
    const same = saved.find((s) => sameAddress(s, a));
    const pin = a.tlsFingerprint ?? same?.tlsFingerprint;
    const tls = a.tls || pin !== undefined || same?.tls === true;
    return { host: a.host, port: a.port, tls, ...(pin === undefined ? {} : { tlsFingerprint: pin }) };
  });
  return { gateways };
}
