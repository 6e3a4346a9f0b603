import type { IncomingMessage } from 'node:http';
import { GATEWAY_NONCE_HEADER, readGatewayNonce } from '@openclaw-nodes/core/identity';
import { LOCAL_PROOF_HEADER } from '@openclaw-nodes/core/store';
import { secretEquals } from '../auth/shared-secret.js';
import type { SocketInfo } from '../gateway-socket.js';

/**
 * Headers a proxy adds for the client behind it: `Forwarded`, any `X-Forwarded-*`, `Via`
 * (which RFC 9110 asks every proxy to add) and the client-address headers of common proxies
 * and CDNs. Any one of them makes a loopback peer a proxied one.
 */
const FORWARDING_HEADERS = ['forwarded', 'via', 'x-real-ip', 'x-client-ip', 'x-cluster-client-ip', 'true-client-ip', 'cf-connecting-ip', 'fastly-client-ip'];
const isForwardingHeader = (name: string) => name.startsWith('x-forwarded-') || FORWARDING_HEADERS.includes(name);

/**
 * Loopback peer, no proxy in between (a proxied request is never "local"), and the gateway's
 * local proof in `X-OpenClaw-Local-Proof` (compared in constant time): only a process on this
 * machine that can read the gateway's state dir has it. The peer address and the Host header
 * alone prove nothing: a port forward (`ssh -L`, socat, a container port map) also arrives from
 * loopback, and its client writes whatever Host it likes.
 */
export function socketInfo(req: IncomingMessage, localProof: string): SocketInfo {
  const raw = req.socket.remoteAddress ?? '';
  const remoteIp = raw.startsWith('::ffff:') ? raw.slice(7) : raw;
  const loopback = remoteIp === '::1' || remoteIp.startsWith('127.');
  const forwarded = Object.keys(req.headers).some(isForwardingHeader);
  const proof = req.headers[LOCAL_PROOF_HEADER];
  const gatewayNonce = readGatewayNonce(req.headers[GATEWAY_NONCE_HEADER] as string | undefined);
  return { remoteIp, isLocal: loopback && !forwarded && typeof proof === 'string' && secretEquals(proof, localProof), ...(gatewayNonce ? { gatewayNonce } : {}) };
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
