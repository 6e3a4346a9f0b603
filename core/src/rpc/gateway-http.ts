import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Readable } from 'node:stream';
import { OpenClawError } from '../errors.js';
import { sendFile } from './send-file.js';
import { certificateProblem } from './tls-pin.js';
import { localProofHeaders } from '../store/local-proof.js';

/** Where a gateway's HTTP side is: its WebSocket URL (`ws://` → `http://`, `wss://` → `https://`) and TLS pin. */
export interface GatewayHttpTarget {
  /** The gateway's `ws://` or `wss://` URL, or its `http(s)://` origin. */
  readonly url: string;
  /** SHA-256 fingerprint the gateway's certificate must have (then any CA is accepted, as for the WebSocket). */
  readonly tlsFingerprint?: string;
  /** This machine's state dir, to send the gateway's local proof when it is kept there (`localProofHeaders`). */
  readonly localProofDir?: string;
}

/** The `http(s)://host:port` origin of a gateway's WebSocket URL. */
export function gatewayOrigin(url: string): string {
  return new URL(url.replace(/^ws/, 'http')).origin;
}

const isStream = (body: Readable | FileBody): body is Readable => typeof (body as Readable).pipe === 'function';

/** A request body read from a file: its first `bytes` bytes, in constant memory (`sendFile`). */
export interface FileBody {
  readonly path: string;
  readonly bytes: number;
}

/**
 * One HTTP request to the gateway at `target` (same host, port and TLS as its WebSocket),
 * streaming `body` if given (a stream, or a file sent through two reused buffers). Resolves
 * with the response once its headers arrive; the caller reads or discards the body. Throws
 * `CONNECT_FAILED` when the gateway cannot be reached, `TLS_FINGERPRINT_MISMATCH` when its
 * certificate is not the pinned one; `signal` aborts the request.
 */
export async function gatewayHttp(target: GatewayHttpTarget, method: string, path: string, options: { headers?: OutgoingHttpHeaders; body?: Readable | FileBody; signal?: AbortSignal } = {}): Promise<IncomingMessage> {
  const url = new URL(path, gatewayOrigin(target.url));
  const headers = { ...(await localProofHeaders(target.localProofDir, url.href)), ...options.headers };
  const pin = target.tlsFingerprint;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const fail = (err: Error & { code?: string }) =>
      reject(err instanceof OpenClawError ? err : new OpenClawError('CONNECT_FAILED', `cannot reach the gateway at ${url.origin}: ${err.message}`, { details: { url: url.origin }, cause: err }));
    // A pinned request gets a connection of its own: a pooled one may have been opened under another pin.
    const tls = pin === undefined ? {} : { rejectUnauthorized: false, agent: false as const };
    const req = send(url, { method, headers, signal: options.signal, ...tls }, resolve);
    req.once('error', fail);
    const sendBody = () => {
      const { body } = options;
      if (!body) return void req.end();
      // A file stream has a `path` too: what pipes is a stream.
      if (!isStream(body)) return void sendFile(req, body.path, body.bytes, options.signal).catch((err: Error) => req.destroy(err));
      body.once('error', (err) => req.destroy(err));
      body.pipe(req);
    };
    if (pin === undefined) return sendBody();
    // Nothing is sent (no body, no credentials in a flushed header) before the pin is checked.
    req.once('socket', (socket) =>
      socket.once('secureConnect', () => {
        const problem = certificateProblem(socket as TLSSocket, url.origin, pin);
        if (problem) return void req.destroy(problem);
        sendBody();
      }),
    );
  });
}

/** The response body as JSON, read up to `maxBytes` (a hostile peer cannot make it buffer more). */
export async function readJsonResponse(res: IncomingMessage, maxBytes = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      res.destroy();
      throw new OpenClawError('PAYLOAD_TOO_LARGE', `the gateway's answer is over ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
