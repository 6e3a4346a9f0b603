import type { WebSocket } from 'ws';
import { OpenClawError, type WireError } from '@openclaw-nodes/core/errors';
import { closeWithDeadline, sendBounded } from '@openclaw-nodes/core/socket-bounds';
import { exceedsByteLimit, frameTooLarge, MAX_BUFFERED_BYTES, MAX_PAYLOAD_BYTES, stringifyJson, type ClientInfo } from '@openclaw-nodes/core/protocol';
import { holdAck, releaseAcks } from './held-acks.js';

export type Role = 'node' | 'operator';

/** How a caller proved who it is: the shared secret, a device token the gateway issued, or no auth configured. */
export type AuthMethod = 'token' | 'device-token' | 'none';

/**
 * One WebSocket peer of the gateway. Kept small on purpose: a gateway may hold thousands of
 * idle node sockets, and every field here is paid per socket.
 */
export class Connection {
  state: 'preauth' | 'handshaking' | 'ready' | 'closed' = 'preauth';
  role: Role | undefined;
  scopes: ReadonlySet<string> = EMPTY;
  deviceId: string | undefined;
  /** Set at the handshake; a device-token caller acts only with its pairing's authority. */
  authMethod: AuthMethod | undefined;
  client: ClientInfo | undefined;
  /** The operator declared `MEDIA_URL_CLIENT_CAP` in connect: it fetches media result urls itself. */
  mediaUrls = false;
  /** A response to this peer must fit one WebSocket frame of this many bytes. */
  readonly maxFrameBytes = MAX_PAYLOAD_BYTES;
  /** Set once authenticated; the protocol version range the client asked for. */
  protocol = 4;
  connectedAtMs = 0;
  /** Cleared when a ping is sent, set by the pong; a socket still dead at the next ping is dropped. */
  alive = true;
  /** Set when the socket was cut because the peer stopped reading what it was sent. */
  stalled = false;
  private seq = 0;

  constructor(
    readonly id: string,
    readonly socket: WebSocket,
    readonly remoteIp: string,
    /** Loopback peer with no forwarding headers (PROTOCOL.md section 5.1). */
    readonly isLocal: boolean,
    readonly nonce: string,
  ) {}

  get open(): boolean {
    return this.state !== 'closed' && this.socket.readyState === 1;
  }

  hasScope(scope: string): boolean {
    return this.scopes.has(scope) || this.scopes.has('operator.admin');
  }

  send(text: string): void {
    if (this.socket.readyState !== 1) return;
    releaseAcks(this);
    // A consumer that cannot keep up is cut off rather than buffered without bound; the close
    // event then detaches it and fails its invokes at once.
    if (!sendBounded(this.socket, text, MAX_BUFFERED_BYTES)) {
      this.state = 'closed';
      this.stalled = true;
    }
  }

  /**
   * Answers ok; a payload JSON cannot hold, or one past the frame limit (which the peer would
   * answer by closing the socket), is answered with its coded error instead.
   */
  respond(id: string, payload: unknown): void {
    const text = this.okResponse(id, payload);
    if (text !== undefined) this.send(text);
  }

  /** `respond`, for an answer the peer only needs eventually: it leaves with the next frame (see `holdAck`). */
  respondSoon(id: string, payload: unknown): void {
    const text = this.okResponse(id, payload);
    if (text !== undefined) holdAck(this, text);
  }

  /** The ok answer's text; undefined when it could not be sent and the coded error was sent instead. */
  private okResponse(id: string, payload: unknown): string | undefined {
    try {
      const text = `{"type":"res","id":${JSON.stringify(id)},"ok":true,"payload":${stringifyJson(payload ?? null, 'response payload')}}`;
      if (exceedsByteLimit(text, MAX_PAYLOAD_BYTES)) throw frameTooLarge('response', text, MAX_PAYLOAD_BYTES);
      return text;
    } catch (err) {
      this.respondError(id, OpenClawError.from(err).toWire());
      return undefined;
    }
  }

  respondError(id: string, error: WireError): void {
    let text: string;
    try {
      text = stringifyJson({ type: 'res', id, ok: false, error }, 'error response');
    } catch (err) {
      // The error itself carried something unencodable (details copied from a peer).
      text = JSON.stringify({ type: 'res', id, ok: false, error: OpenClawError.from(err).toWire() });
    }
    this.send(text);
  }

  /**
   * An event for this peer only: no `seq`, as OpenClaw does for targeted events.
   * @throws OpenClawError `PAYLOAD_TOO_DEEP`/`INTERNAL_ERROR` for a payload JSON cannot hold,
   * `PAYLOAD_TOO_LARGE` for a frame past the limit (the peer would close the socket on it).
   */
  targeted(event: string, payload: unknown): void {
    const text = `{"type":"event","event":${JSON.stringify(event)},"payload":${stringifyJson(payload, `"${event}" event`)}}`;
    if (exceedsByteLimit(text, MAX_PAYLOAD_BYTES)) throw frameTooLarge(`"${event}" event`, text, MAX_PAYLOAD_BYTES);
    this.send(text);
  }

  /** A broadcast event: carries this connection's next `seq`. `payloadJson` is pre-serialised once per broadcast. */
  broadcast(event: string, payloadJson: string): void {
    this.send(`{"type":"event","event":${JSON.stringify(event)},"payload":${payloadJson},"seq":${++this.seq}}`);
  }

  close(code: number, reason: string): void {
    if (this.state === 'closed') return;
    releaseAcks(this);
    this.state = 'closed';
    // Close reasons are limited to 123 bytes by RFC 6455. A peer that never answers the
    // close frame (it stopped reading) is terminated at the deadline instead of after ws's 30 s.
    closeWithDeadline(this.socket, code, truncateUtf8(reason, 123));
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = text;
  while (Buffer.byteLength(out) > maxBytes) out = out.slice(0, -1);
  return out;
}
