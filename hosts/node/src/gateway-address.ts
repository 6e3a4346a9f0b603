import { isIP } from 'node:net';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { isSha256Fingerprint } from '@openclaw-nodes/core/rpc';

/** One gateway a node host may connect to. `host` is a name or an IP literal (IPv6 without brackets). */
export interface GatewayAddress {
  host: string;
  port: number;
  tls: boolean;
  /** SHA-256 fingerprint of this gateway's certificate (implies `tls`). */
  tlsFingerprint?: string;
}

/** More addresses than this is a mistake (a pasted file, a loop in a script), not a fleet of gateways. */
export const MAX_GATEWAY_ADDRESSES = 16;
/** Longest `--host` / `--url` entry read; a DNS name is at most 253 characters. */
const MAX_ENTRY_CHARS = 300;
const DEFAULT_PORT = 18_789;
/** A DNS name: dot-separated labels of letters, digits and hyphens. */
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** The gateway flags of `node run` / `node install`. */
export interface GatewayListFlags {
  /** Comma-separated `host`, `host:port` or `[v6]:port` entries. */
  host?: string;
  /** `ws://host:port` / `wss://host:port` URLs, one per `--url`. */
  urls?: readonly string[];
  /** The port of `host` entries that name none. */
  port?: number;
  /** TLS for `host` entries. */
  tls?: boolean;
  /** One pin for every TLS address (cluster members sharing a certificate). */
  tlsFingerprint?: string;
}

/** `host:port` (or just `host` without `withPort`) as `--host` takes it, an IPv6 literal in brackets. */
export function hostEntry(a: { host: string; port: number }, withPort = true): string {
  const host = isIP(a.host) === 6 ? `[${a.host}]` : a.host;
  return withPort ? `${host}:${a.port}` : host;
}

/** `ws://host:port` or `wss://host:port`, an IPv6 literal in brackets. */
export function gatewayUrl(a: GatewayAddress): string {
  return `${a.tls || a.tlsFingerprint ? 'wss' : 'ws'}://${hostEntry(a)}`;
}

/** Same gateway: same host (case-insensitive) and port. */
export const sameAddress = (a: { host: string; port: number }, b: { host: string; port: number }): boolean => a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port;

const usage = (message: string) => new OpenClawError('CLI_USAGE', message);
const shown = (entry: string) => JSON.stringify(entry.slice(0, 80));

function checkHost(host: string, entry: string): string {
  if (isIP(host) !== 0 || HOSTNAME.test(host)) return host;
  throw usage(`invalid gateway address ${shown(entry)}: expected host, host:port or [IPv6]:port`);
}

function checkPort(raw: string, entry: string): number {
  const port = Number(raw);
  if (!/^\d{1,5}$/.test(raw) || port < 1 || port > 65_535) throw usage(`invalid port in gateway address ${shown(entry)}: expected 1-65535`);
  return port;
}

/** `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 literal (which then takes `port`). */
function parseHostEntry(entry: string, port: number, tls: boolean): GatewayAddress {
  const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (v6) {
    if (isIP(v6[1]!) !== 6) throw usage(`invalid gateway address ${shown(entry)}: brackets hold an IPv6 address`);
    return { host: v6[1]!, port: v6[2] === undefined ? port : checkPort(v6[2], entry), tls };
  }
  if (isIP(entry) === 6) return { host: entry, port, tls };
  const colon = entry.lastIndexOf(':');
  if (colon < 0) return { host: checkHost(entry, entry), port, tls };
  return { host: checkHost(entry.slice(0, colon), entry), port: checkPort(entry.slice(colon + 1), entry), tls };
}

function parseUrlEntry(entry: string): GatewayAddress {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw usage(`invalid --url ${shown(entry)}: expected ws://host:port or wss://host:port`);
  }
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw usage(`invalid --url ${shown(entry)}: expected ws://host:port or wss://host:port, without credentials, path or query`);
  }
  const tls = url.protocol === 'wss:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { host, port: url.port ? Number(url.port) : tls ? 443 : 80, tls };
}

/**
 * The addresses named by `--host a,b,c` (each `host`, `host:port` or `[v6]:port`, `port`
 * for those without) and repeated `--url`, in that order, duplicates dropped. `tlsFingerprint`
 * pins every address (and turns TLS on for `--host` entries).
 *
 * @returns 1..16 addresses, or `[]` when neither `host` nor `urls` names one.
 * @throws OpenClawError `CLI_USAGE` for an empty, malformed or over-long entry, more than 16
 *   addresses, a fingerprint that is not SHA-256, or a pin on a plaintext `ws://` URL.
 */
export function parseGatewayList(flags: GatewayListFlags): GatewayAddress[] {
  const pin = flags.tlsFingerprint;
  if (pin !== undefined && !isSha256Fingerprint(pin)) {
    throw usage(`--tls-fingerprint must be a SHA-256 fingerprint: 64 hex digits, plain or colon-separated (AB:CD:…), got ${JSON.stringify(pin.slice(0, 120))}`);
  }
  const hostEntries = flags.host === undefined ? [] : flags.host.split(',').map((e) => e.trim());
  const entries = [...hostEntries, ...(flags.urls ?? [])];
  if (entries.length > MAX_GATEWAY_ADDRESSES) throw usage(`${entries.length} gateway addresses given; at most ${MAX_GATEWAY_ADDRESSES} are allowed`);
  const list: GatewayAddress[] = [];
  entries.forEach((entry, i) => {
    if (entry === '') throw usage('empty gateway address in --host; separate addresses with single commas (a,b:18790,[::1]:18791)');
    if (entry.length > MAX_ENTRY_CHARS) throw usage(`gateway address ${shown(entry)}… is longer than ${MAX_ENTRY_CHARS} characters`);
    const tls = flags.tls === true || pin !== undefined;
    const address = i < hostEntries.length ? parseHostEntry(entry, flags.port ?? DEFAULT_PORT, tls) : parseUrlEntry(entry);
    if (pin !== undefined && !address.tls) throw usage(`--tls-fingerprint pins a TLS certificate, but ${shown(entry)} is plaintext ws://; use wss://`);
    if (!list.some((a) => sameAddress(a, address))) list.push(pin === undefined ? address : { ...address, tlsFingerprint: pin });
  });
  return list;
}
