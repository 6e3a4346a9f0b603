import type { IncomingMessage } from 'node:http';
import type { SocketInfo } from '../gateway-socket.js';

/**
 * Headers a proxy adds for the client behind it: `Forwarded`, any `X-Forwarded-*`, `Via`
 * (which RFC 9110 asks every proxy to add) and the client-address headers of common proxies
 * and CDNs. Any one of them makes a loopback peer a proxied one.
 */
const FORWARDING_HEADERS = ['forwarded', 'via', 'x-real-ip', 'x-client-ip', 'x-cluster-client-ip', 'true-client-ip', 'cf-connecting-ip', 'fastly-client-ip'];
const isForwardingHeader = (name: string) => name.startsWith('x-forwarded-') || FORWARDING_HEADERS.includes(name);

/**
 * Loopback peer, no proxy in between (a proxied request is never "local"), and a client that
 * dialled this very port on a loopback name. A port forward (`ssh -L 18790:127.0.0.1:18789`,
 * socat, a container port map) also arrives from loopback without any header, but its client
 * dialled the forward's own port (Host `127.0.0.1:18790`): that client may be on another
 * machine, so it is not local, and pairs only with an operator's approval.
 */
export function socketInfo(req: IncomingMessage): SocketInfo {
  const raw = req.socket.remoteAddress ?? '';
  const remoteIp = raw.startsWith('::ffff:') ? raw.slice(7) : raw;
  const loopback = remoteIp === '::1' || remoteIp.startsWith('127.');
  const forwarded = Object.keys(req.headers).some(isForwardingHeader);
  return { remoteIp, isLocal: loopback && !forwarded && dialledThisPort(req) };
}

/** The Host header names a loopback address and the port this socket was accepted on. */
function dialledThisPort(req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (!isLoopbackHost(host)) return false;
  const port = /\]?:(\d{1,5})$/.exec(host!)?.[1];
  const defaultPort = 'encrypted' in req.socket && req.socket.encrypted ? 443 : 80;
  return (port === undefined ? defaultPort : Number(port)) === req.socket.localPort;
}

/**
 * A browser always sends Origin on cross-site requests; other clients do not. A browser may
 * reach the gateway only from the gateway's own origin or one listed in
 * `gateway.controlUi.allowedOrigins`, so a page on another site cannot ride a user's gateway.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin) || allowed.includes('*')) return true;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

/** `localhost`, `127.x.y.z` or `[::1]`, with or without a port: a Host a DNS rebinding page cannot claim. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}
