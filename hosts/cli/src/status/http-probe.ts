import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { connectVerifiedTls } from '@openclaw-nodes/core/rpc';

/** What one GET answered: status, parsed JSON body, and the server certificate's SHA-256 over TLS. */
export interface ProbeAnswer {
  status: number;
  json: unknown;
  tlsFingerprint?: string;
}

// Whatever listens on the port may be anything: bound what we wait for and read.
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * One bounded GET to `http(s)://host:port/path`: gives up after `timeoutMs` (connect and
 * answer together) or past 1 MiB of body, and rejects then. Over TLS without a token the
 * certificate is not verified (a self-signed gateway certificate is the common case): the
 * caller shows its fingerprint so a person can compare it with the one they pinned. A token
 * is sent over TLS only after the certificate is checked against `pin` (else a trusted CA).
 * `headers` go with the request (the gateway's local proof, which `localProofHeaders` gives
 * only for the socket that gateway holds).
 */
export async function probeGet(target: { host: string; port: number; tls: boolean }, path: string, timeoutMs: number, token?: string, pin?: string, headers: Record<string, string> = {}): Promise<ProbeAnswer> {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const verified = target.tls && token ? await connectVerifiedTls(`https://${host}:${target.port}`, pin, timeoutMs) : undefined;
  return new Promise((resolve, reject) => {
    const request = target.tls ? httpsRequest : httpRequest;
    const req = request({
      ...(verified ? { createConnection: () => verified } : {}),
      host: target.host,
      port: target.port,
      path,
      method: 'GET',
      headers: { accept: 'application/json', ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.once('response', (res) => {
      const fingerprint = target.tls ? (res.socket as TLSSocket).getPeerCertificate?.()?.fingerprint256 : undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) return req.destroy(new Error(`answer larger than ${MAX_BODY_BYTES} bytes`));
        chunks.push(chunk);
      });
      res.once('end', () => {
        clearTimeout(timer);
        let json: unknown;
        try {
          json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json, ...(fingerprint ? { tlsFingerprint: fingerprint } : {}) });
      });
      res.once('error', reject);
    });
    req.end();
  });
}
