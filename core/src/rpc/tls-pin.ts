import { connect, type TLSSocket } from 'node:tls';
import { isIP } from 'node:net';
import { OpenClawError } from '../errors/openclaw-error.js';
import { formatFingerprint, normalizeFingerprint } from './tls-fingerprint.js';

/**
 * Why the certificate `socket` received must not be trusted for `origin`, or undefined when it
 * may: with `pin`, its SHA-256 must equal the pin (the CA does not matter then); without, a CA
 * this machine trusts must have signed it for that name.
 *
 * `TLS_FINGERPRINT_MISMATCH` names both fingerprints; `TLS_CERT_UNTRUSTED` names the one to
 * pin, so trusting it on first use is a decision a person makes, never a silent one.
 */
export function certificateProblem(socket: TLSSocket, origin: string, pin: string | undefined): OpenClawError | undefined {
  const seen = socket.getPeerCertificate()?.fingerprint256;
  const actual = seen ? formatFingerprint(seen) : '(none)';
  if (pin !== undefined) {
    const expected = formatFingerprint(pin);
    if (seen && normalizeFingerprint(seen) === normalizeFingerprint(pin)) return undefined;
    const message = `the gateway at ${origin} presented TLS certificate ${actual}, not the pinned ${expected}; only if the gateway's certificate was replaced on purpose (its start-up log shows the fingerprint it serves), pin the new one with --tls-fingerprint ${actual}`;
    return new OpenClawError('TLS_FINGERPRINT_MISMATCH', message, { details: { url: origin, expected, actual } });
  }
  if (socket.authorized) return undefined;
  const why = String(socket.authorizationError ?? 'not trusted');
  const message = `the gateway at ${origin} presented a TLS certificate this machine does not trust (${why}), SHA-256 ${actual}; if that is your gateway's (its start-up log and \`openclaw status\` on its host show it), pin it with --tls-fingerprint ${actual}`;
  return new OpenClawError('TLS_CERT_UNTRUSTED', message, { details: { url: origin, actual, reason: why } });
}

/**
 * Opens a TLS connection to `url`'s host and port and checks its certificate
 * (`certificateProblem`) before anything is written on it, so no credential reaches a gateway
 * that is not the pinned or trusted one. Resolves with the open socket, for an HTTP or
 * WebSocket client to use as its connection.
 *
 * @throws OpenClawError `TLS_FINGERPRINT_MISMATCH` / `TLS_CERT_UNTRUSTED` (socket destroyed),
 *   `CONNECT_FAILED` when unreachable (retryable) or after `timeoutMs`.
 */
export function connectVerifiedTls(url: string, pin: string | undefined, timeoutMs: number): Promise<TLSSocket> {
  const target = new URL(url.replace(/^ws/, 'http'));
  const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(target.port || 443);
  return new Promise((resolve, reject) => {
    // Verification is ours (below): the handshake must finish to read the certificate even when no CA signed it.
    const socket = connect({ host, port, servername: isIP(host) ? undefined : host, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
    const timer = setTimeout(() => fail(new OpenClawError('CONNECT_FAILED', `no TLS handshake with the gateway at ${target.origin} within ${timeoutMs} ms`, { details: { url: target.origin }, retryable: true })), timeoutMs);
    const fail = (err: OpenClawError) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    const onError = (err: Error & { code?: string }) =>
      fail(new OpenClawError('CONNECT_FAILED', `cannot reach gateway at ${target.origin}: ${err.message}`, { details: { url: target.origin, ...(err.code ? { errno: err.code } : {}) }, retryable: true, cause: err }));
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      const problem = certificateProblem(socket, target.origin, pin);
      if (problem) return fail(problem);
      clearTimeout(timer);
      socket.off('error', onError);
      // Until its HTTP client attaches a listener, a reset must not become an uncaught error.
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}
