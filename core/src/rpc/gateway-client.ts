import type * as Ws from 'ws';
import { OpenClawError } from '../errors/openclaw-error.js';
import type { ConnectChallenge, DeviceBlock } from '../protocol/connect.js';
import { DEFAULT_TICK_INTERVAL_MS, HANDSHAKE_TIMEOUT_MS, MAX_PAYLOAD_BYTES } from '../protocol/constants.js';
import type { HelloOk } from '../protocol/hello-ok.js';
import { timerDelay } from '../protocol/timer-delay.js';
import { buildConnectParams, signedToken, type ConnectIntent } from './connect-params.js';
import { RpcPeer } from './rpc-peer.js';
import type { RpcPeerOptions } from './rpc-peer-options.js';
import { urlForDisplay } from './display-url.js';
import { connectVerifiedTls } from './tls-pin.js';
import { localProofHeaders } from '../store/local-proof.js';
import { requireCommonJs } from '../require-common-js.js';

// Through require: see requireCommonJs for what importing it would cost each host.
const { WebSocket } = requireCommonJs<typeof Ws>(import.meta.url, 'ws');
type WebSocket = Ws.WebSocket;

export interface ConnectGatewayOptions extends ConnectIntent {
  /** `ws://host:port[/path]` or `wss://…`. */
  url: string;
  /**
   * Builds the device proof for the challenge (section 3). `token` is the credential the
   * gateway will bind into the signature (`signedToken(auth)`). Without it no `device` is sent.
   */
  signDevice?: (
    challenge: { nonce: string; ts: number },
    token: string | null,
  ) => DeviceBlock | undefined | Promise<DeviceBlock | undefined>;
  /**
   * Pin the gateway's TLS certificate by its SHA-256 fingerprint (hex, colons optional)
   * instead of trusting a CA. Over `wss://` the certificate (pinned, else CA-checked) is
   * verified before anything is sent: `TLS_FINGERPRINT_MISMATCH` / `TLS_CERT_UNTRUSTED`.
   */
  tlsFingerprint?: string;
  /**
   * The credential to send, chosen once the challenge is in (e.g. after checking its
   * `gatewayProof`); wins over `auth`.
   */
  authFor?: (challenge: ConnectChallenge) => ConnectIntent['auth'] | Promise<ConnectIntent['auth']>;
  /** Extra HTTP headers on the upgrade request. */
  headers?: Record<string, string>;
  /**
   * This machine's state dir: when the gateway at `url` is the one whose local proof is kept
   * there (`localProofHeaders`), the proof goes with the upgrade request and the gateway
   * counts the connection as local.
   */
  localProofDir?: string;
  /** Wait for `connect.challenge`, from the start of the TCP connect. Default 15 000 ms. */
  challengeTimeoutMs?: number;
  /** Wait for the answer to `connect`. Default 15 000 ms. */
  connectTimeoutMs?: number;
  /** Largest frame either way. Default 25 MiB, what `hello-ok.policy.maxPayload` announces. */
  maxPayloadBytes?: number;
  /** Start the tick watchdog with `hello-ok.policy.tickIntervalMs`. Default true; `'strict'` ignores pending requests. */
  tickWatchdog?: boolean | 'strict';
  /**
   * Handlers for the connection's traffic. They are attached before the first frame, so
   * events the gateway sends right after `hello-ok` are not missed (`onEvent` also sees
   * `connect.challenge`).
   */
  peer?: Omit<RpcPeerOptions, 'maxPayloadBytes'>;
}

export interface GatewayConnection {
  peer: RpcPeer;
  hello: HelloOk;
  challenge: ConnectChallenge;
  /** The credential actually sent in `connect`. */
  auth: ConnectIntent['auth'];
}

/**
 * Opens a gateway connection and performs the handshake: waits for `connect.challenge`,
 * signs it (via `signDevice`), sends `connect` and resolves on `hello-ok`. A refused
 * connect rejects with the gateway's error (`OpenClawError.fromWire`, so `PAIRING_REQUIRED`
 * keeps `details.requestId`); an unreachable gateway with `CONNECT_FAILED`; over `wss://` a
 * certificate that is not the pinned one with `TLS_FINGERPRINT_MISMATCH`, or without a pin one
 * no trusted CA signed with `TLS_CERT_UNTRUSTED` (nothing sent in either case); silence with
 * `HANDSHAKE_TIMEOUT`. The socket is closed on every failure. No reconnecting here.
 *
 * @example
 * const { peer, hello } = await connectGateway({
 *   url: 'ws://127.0.0.1:18789', role: 'operator', scopes: ['operator.read'],
 *   client: { id: 'cli', mode: 'cli', version: '1.0.0', platform: 'linux' }, auth: { token },
 * });
 * const list = await peer.request('node.list', {});
 */
export async function connectGateway(options: ConnectGatewayOptions): Promise<GatewayConnection> {
  // Messages and details name the gateway without any credential the URL carries.
  const url = urlForDisplay(options.url);
  const startedAt = Date.now();
  const challengeTimeoutMs = options.challengeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
  // The TLS connection is opened and its certificate checked first: the upgrade request then
  // goes out on a connection already known to reach the right gateway.
  const tls = /^wss:/i.test(options.url) ? await connectVerifiedTls(options.url, options.tlsFingerprint, timerDelay(challengeTimeoutMs)) : undefined;
  const maxPayloadBytes = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  let socket: WebSocket;
  try {
    // The gateway never negotiates compression, so offering it only costs a header.
    const connection = tls === undefined ? {} : { createConnection: () => tls };
    const headers = { ...(await localProofHeaders(options.localProofDir, options.url)), ...options.headers };
    socket = new WebSocket(options.url, { maxPayload: maxPayloadBytes, headers, perMessageDeflate: false, ...connection });
  } catch (err) {
    tls?.destroy();
    throw new OpenClawError('CONNECT_FAILED', `cannot reach gateway at ${url}: ${messageOf(err).split(options.url).join(url)}`, { cause: err });
  }
  const peer = new RpcPeer(socket, { ...options.peer, maxPayloadBytes });

  return new Promise<GatewayConnection>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      const message = `no connect challenge from the gateway at ${url} within ${challengeTimeoutMs} ms`;
      fail(new OpenClawError('HANDSHAKE_TIMEOUT', message, { retryable: true }), 1008, 'connect challenge timeout');
    }, timerDelay(Math.max(0, challengeTimeoutMs - (Date.now() - startedAt))));

    const onSocketError = (err: Error & { code?: string }): void => {
      const details = { url, ...(err.code ? { errno: err.code } : {}) };
      fail(new OpenClawError('CONNECT_FAILED', `cannot reach gateway at ${url}: ${err.message}`, { details, retryable: true, cause: err }));
    };
    socket.once('error', onSocketError);
    socket.once('open', () => socket.off('error', onSocketError));
    void peer.closed.then((info) => {
      const how = info.reason === '' ? `code ${info.code}` : `code ${info.code}: ${info.reason}`;
      const message = `the gateway at ${url} closed the connection during the handshake (${how})`;
      fail(new OpenClawError('CONNECT_FAILED', message, { details: { closeCode: info.code, closeReason: info.reason }, retryable: true }));
    });
    const offChallenge = peer.on('connect.challenge', (payload) => {
      offChallenge();
      clearTimeout(timer);
      handshake(payload).catch((err: unknown) => fail(OpenClawError.from(err, 'CONNECT_FAILED')));
    });

    async function handshake(payload: unknown): Promise<void> {
      const challenge = readChallenge(payload);
      if (typeof challenge === 'string') return fail(new OpenClawError('CONNECT_FAILED', challenge, { details: { url } }), 1008, challenge);
      const auth = options.authFor ? await options.authFor(challenge) : options.auth;
      const device = await options.signDevice?.({ nonce: challenge.nonce, ts: challenge.ts }, signedToken(auth));
      if (settled) return;
      const connectTimeoutMs = options.connectTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
      let hello: unknown;
      try {
        hello = await peer.request('connect', buildConnectParams({ ...options, auth }, device), { timeoutMs: connectTimeoutMs });
      } catch (err) {
        const error = OpenClawError.from(err);
        if (error.code === 'REQUEST_TIMEOUT') {
          const message = `the gateway at ${url} did not answer connect within ${connectTimeoutMs} ms`;
          return fail(new OpenClawError('HANDSHAKE_TIMEOUT', message, { retryable: true }), 4000, 'connect timeout');
        }
        // A closed socket is reported by `peer.closed` above; this keeps the gateway's own error.
        return error.code === 'CONNECTION_CLOSED' ? undefined : fail(error, 1000);
      }
      // Like the reference client, only the discriminator is checked: a minimal gateway may omit optional parts.
      if (!isHelloOk(hello)) {
        return fail(new OpenClawError('CONNECT_FAILED', `the gateway at ${url} answered connect without hello-ok`), 1002, 'expected hello-ok');
      }
      if (settled) return;
      settled = true;
      if (options.tickWatchdog !== false) {
        // Only the discriminator of hello-ok is checked: a tick that is not a positive number is not used.
        const tick = hello.policy?.tickIntervalMs;
        const tickIntervalMs = typeof tick === 'number' && tick > 0 ? timerDelay(tick) : DEFAULT_TICK_INTERVAL_MS;
        peer.startTickWatchdog(tickIntervalMs, { strict: options.tickWatchdog === 'strict' });
      }
      resolve({ peer, hello, challenge, auth });
    }

    function fail(error: OpenClawError, code?: number, reason?: string): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      offChallenge();
      reject(error);
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else peer.close(code, reason);
    }
  });
}

/** The challenge, or the reason it is unusable (the reference client aborts on these). */
function readChallenge(payload: unknown): ConnectChallenge | string {
  const p = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  if (typeof p.nonce !== 'string' || p.nonce.trim() === '') return 'gateway connect challenge nonce missing';
  if (typeof p.ts !== 'number' || !Number.isInteger(p.ts) || p.ts < 0) return 'gateway connect challenge timestamp invalid';
  const capabilities = Array.isArray(p.capabilities) ? p.capabilities.filter((c): c is string => typeof c === 'string') : undefined;
  // Passed on unchecked: only `verifyGatewayProof` decides what it is worth.
  const gatewayProof = p.gatewayProof as ConnectChallenge['gatewayProof'];
  return { nonce: p.nonce, ts: p.ts, ...(capabilities ? { capabilities } : {}), ...(gatewayProof !== undefined ? { gatewayProof } : {}) };
}

function isHelloOk(value: unknown): value is HelloOk {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'hello-ok';
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
