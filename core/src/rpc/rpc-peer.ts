import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { OpenClawError, type WireError } from '../errors/openclaw-error.js';
import { describeThrown } from '../errors/describe-thrown.js';
import { exceedsByteLimit, frameTooLarge } from '../protocol/byte-limit.js';
import { DEFAULT_TICK_INTERVAL_MS, MAX_BUFFERED_BYTES, MAX_PAYLOAD_BYTES } from '../protocol/constants.js';
import { encodeEvent, encodeEventJson, encodeRequest, encodeResponse } from '../protocol/encode.js';
import type { Frame, RequestFrame } from '../protocol/frames.js';
import { parseFrame } from '../protocol/parse-frame.js';
import { closeReason } from './close-reason.js';
import { connectionClosedError } from './connection-closed-error.js';
import { EventListeners } from './event-listeners.js';
import { PendingRequests } from './pending-requests.js';
import { closeWithDeadline, sendBounded } from './socket-bounds.js';
import { TickWatchdog } from './tick-watchdog.js';
import type { AnyEventHandler, CloseInfo, EventHandler, Reply, RequestOptions, RpcPeerOptions } from './rpc-peer-options.js';

// WebSocket.readyState values; ws is only imported as a type here.
const OPEN = 1;
const CLOSED = 3;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One side of a gateway WebSocket: correlates requests with responses, answers incoming
 * requests and dispatches events. Serves client sockets and server-side sockets alike.
 *
 * Closing, from either side or by the tick watchdog, rejects every pending request at once
 * with `CONNECTION_CLOSED` (details `closeCode`, `closeReason`, `method`). A watchdog close
 * uses code 4000 "tick timeout" and puts a `TICK_TIMEOUT` error in `cause`, so callers need
 * only one code for "the connection is gone".
 *
 * @example
 * const peer = new RpcPeer(socket, { onEvent: (event, payload) => console.log(event, payload) });
 * const { nodes } = await peer.request<NodeListResult>('node.list', {});
 */
export class RpcPeer {
  readonly socket: WebSocket;
  readonly #options: RpcPeerOptions;
  #maxPayload: number;
  readonly #pending: PendingRequests;
  // Ids look like the real clients' "<counter>:<uuid>"; one uuid per peer keeps them unique and cheap.
  readonly #idSuffix = `:${randomUUID()}`;
  #counter = 0;
  #seq = 0;
  readonly #events = new EventListeners();
  #closeInfo: CloseInfo | undefined;
  #closed: Promise<CloseInfo> | undefined;
  #resolveClosed: ((info: CloseInfo) => void) | undefined;
  #lastFrameAt = Date.now();
  #watchdog: TickWatchdog | undefined;

  constructor(socket: WebSocket, options: RpcPeerOptions = {}) {
    this.socket = socket;
    this.#options = options;
    this.#maxPayload = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
    this.#pending = new PendingRequests(this.#send);
    socket.on('message', this.#onMessage);
    socket.on('close', this.#onSocketClose);
    socket.on('error', this.#onSocketError);
    if (socket.readyState === CLOSED) this.#finish({ code: 1006, reason: 'socket already closed' });
  }

  /**
   * Largest frame accepted or sent, in UTF-8 bytes. A gateway starts a connection at
   * `PREAUTH_MAX_BYTES` and raises it to `MAX_PAYLOAD_BYTES` once `connect` succeeded.
   */
  get maxPayloadBytes(): number {
    return this.#maxPayload;
  }

  set maxPayloadBytes(bytes: number) {
    this.#maxPayload = bytes;
  }

  /** Requests sent and not yet answered. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** True from the moment the peer starts closing; requests then fail at once. */
  get isClosed(): boolean {
    return this.#closeInfo !== undefined;
  }

  get closeInfo(): CloseInfo | undefined {
    return this.#closeInfo;
  }

  /** Settles when the peer closes (locally, remotely or by the watchdog). */
  get closed(): Promise<CloseInfo> {
    if (this.#closed === undefined) {
      this.#closed = this.#closeInfo
        ? Promise.resolve(this.#closeInfo)
        : new Promise<CloseInfo>((resolve) => {
            this.#resolveClosed = resolve;
          });
    }
    return this.#closed;
  }

  /**
   * Sends a request; resolves with the response payload, rejects with the peer's error
   * (`OpenClawError.fromWire`), `REQUEST_TIMEOUT`, `CONNECTION_CLOSED`, `PAYLOAD_TOO_LARGE` or,
   * for params JSON cannot hold, `PAYLOAD_TOO_DEEP`/`INTERNAL_ERROR`.
   */
  request<T = unknown>(method: string, params?: unknown, options?: RequestOptions): Promise<T> {
    if (this.#closeInfo) return Promise.reject(connectionClosedError(method, this.#closeInfo, false));
    if (this.socket.readyState !== OPEN) {
      return Promise.reject(new OpenClawError('CONNECTION_CLOSED', `cannot send "${method}": the socket is not open`, { details: { method } }));
    }
    const id = `${++this.#counter}${this.#idSuffix}`;
    let text: string;
    try {
      text = encodeRequest(id, method, params);
    } catch (err) {
      return Promise.reject(err);
    }
    if (exceedsByteLimit(text, this.#maxPayload)) return Promise.reject(tooLarge(`"${method}" request`, text, this.#maxPayload));
    const timeoutMs = options?.timeoutMs ?? this.#options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    return this.#pending.add<T>(id, method, timeoutMs, text);
  }

  /** Answers an incoming request. Returns false when the peer is closed. */
  respond(id: string, ok: true, payload?: unknown): boolean;
  respond(id: string, ok: false, error: WireError | OpenClawError): boolean;
  respond(id: string, ok: boolean, payloadOrError?: unknown): boolean;
  respond(id: string, ok: boolean, payloadOrError?: unknown): boolean {
    if (this.#closeInfo) return false;
    let text = encodeResponse(id, ok, payloadOrError);
    // The receiver would drop the whole connection (1009) over one oversized answer.
    if (exceedsByteLimit(text, this.#maxPayload)) text = encodeResponse(id, false, tooLarge('response', text, this.#maxPayload));
    this.#send(text);
    return true;
  }

  /**
   * Sends an event; `seq` only for broadcasts (see `broadcast`). Returns false when the peer
   * is closed; throws `PAYLOAD_TOO_LARGE` rather than sending a frame the other side drops.
   */
  notify(event: string, payload?: unknown, seq?: number): boolean {
    return this.#sendEvent(event, encodeEvent(event, payload, seq));
  }

  /**
   * Sends a broadcast event numbered with this connection's next `seq` (1, 2, ...).
   * `payloadJson` is the payload already encoded, so one broadcast to many connections
   * serialises its payload once.
   */
  broadcast(event: string, payloadJson: string): boolean {
    return this.#sendEvent(event, encodeEventJson(event, payloadJson, ++this.#seq));
  }

  #sendEvent(event: string, text: string): boolean {
    if (this.#closeInfo) return false;
    if (exceedsByteLimit(text, this.#maxPayload)) throw tooLarge(`"${event}" event`, text, this.#maxPayload);
    this.#send(text);
    return true;
  }

  /** Calls `handler` for every `event`; returns the unsubscribe function. */
  on(event: string, handler: EventHandler): () => void {
    return this.#events.on(event, handler);
  }

  /** Calls `handler` for every event; returns the unsubscribe function. */
  onAny(handler: AnyEventHandler): () => void {
    return this.#events.onAny(handler);
  }

  /**
   * Closes with `code`/`reason` (no code: close without status, 1005, as the CLI does).
   * Pending requests are rejected right away, without waiting for the closing handshake.
   */
  close(code?: number, reason = ''): void {
    this.#closeWith(code, reason);
  }

  /**
   * Closes with 4000 "tick timeout" when nothing (frames, not pings) arrived for more than
   * twice `tickIntervalMs`, checking every `max(tickIntervalMs, 1000)` ms. Like the
   * reference client it waits while every pending request has its own deadline, unless
   * `strict`: a node host must notice a dead gateway even while its own fire-and-forget
   * requests (host stats, invoke results) are still waiting for an answer.
   */
  startTickWatchdog(tickIntervalMs: number = DEFAULT_TICK_INTERVAL_MS, options: { strict?: boolean } = {}): void {
    if (this.#closeInfo) return;
    this.#lastFrameAt = Date.now();
    this.#watchdog ??= new TickWatchdog({
      lastFrameAt: () => this.#lastFrameAt,
      shouldWait: () => !options.strict && this.#pending.allBounded,
      onSilence: (cause) => {
        this.#options.log?.warn(cause.message);
        this.#closeWith(4000, 'tick timeout', cause);
      },
    });
    this.#watchdog.start(tickIntervalMs);
  }

  stopTickWatchdog(): void {
    this.#watchdog?.stop();
  }

  readonly #onMessage = (data: RawData): void => {
    this.#lastFrameAt = Date.now();
    let frame: Frame;
    try {
      frame = parseFrame(Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data), this.#maxPayload);
    } catch (err) {
      this.#protocolError(OpenClawError.from(err, 'INVALID_FRAME'), data);
      return;
    }
    if (frame.type === 'res') {
      if (!this.#pending.settle(frame)) this.#options.log?.debug?.('response to no pending request (late or unknown)', { id: frame.id });
    } else if (frame.type === 'event') {
      this.#events.dispatch(frame, this.#options.onEvent, this.#onHandlerError);
    } else {
      this.#dispatchRequest(frame);
    }
  };

  #dispatchRequest(frame: RequestFrame): void {
    const handler = this.#options.onRequest;
    if (handler === undefined) {
      this.respond(frame.id, false, { code: 'INVALID_REQUEST', message: `unknown method: ${frame.method}` });
      return;
    }
    let answered = false;
    const reply: Reply = (ok: boolean, payloadOrError?: unknown): void => {
      if (answered) return;
      answered = true;
      this.respond(frame.id, ok, payloadOrError);
    };
    const fail = (err: unknown): void => {
      this.#handlerFailed(`"${frame.method}" request handler`, err);
      if (!answered) reply(false, err instanceof OpenClawError ? err : { code: 'UNAVAILABLE', message: `${frame.method} failed` });
    };
    try {
      const result = handler(frame.method, frame.params, reply, frame);
      if (result !== undefined) result.then(undefined, fail);
    } catch (err) {
      fail(err);
    }
  }

  #protocolError(error: OpenClawError, data: RawData): void {
    // A request with a readable id gets an answer instead of waiting for its timeout.
    const id = error.details?.id;
    if (typeof id === 'string') this.respond(id, false, error);
    if (this.#options.onProtocolError) this.#options.onProtocolError(error, data);
    else this.#options.log?.warn(`ignored a frame: ${error.message}`, { code: error.code });
  }

  readonly #onHandlerError = (err: unknown): void => {
    this.#handlerFailed('event handler', err);
  };

  #handlerFailed(what: string, err: unknown): void {
    this.#options.log?.warn(`${what} failed: ${describeThrown(err)}`);
  }

  readonly #send = (text: string): void => {
    if (this.socket.readyState !== OPEN) return;
    // Terminated because the other side stopped reading: settle now, not when 'close' arrives.
    if (!sendBounded(this.socket, text, this.#options.maxBufferedBytes ?? MAX_BUFFERED_BYTES)) this.#finish({ code: 1006, reason: 'peer stopped reading (send buffer full)' });
  };

  readonly #onSocketClose = (code: number, reason: Buffer): void => {
    this.#finish({ code, reason: reason.toString() });
  };

  readonly #onSocketError = (err: Error): void => {
    // ws always follows an error with 'close', which settles everything.
    this.#options.log?.debug?.(`socket error: ${err.message}`);
  };

  #closeWith(code: number | undefined, reason: string, cause?: OpenClawError): void {
    if (this.#closeInfo) return;
    const text = closeReason(reason);
    this.#finish({ code: code ?? 1005, reason: text, ...(cause ? { cause } : {}) });
    // A peer that stopped reading never answers the close frame: cut it after the deadline.
    closeWithDeadline(this.socket, code, text);
  }

  #finish(info: CloseInfo): void {
    if (this.#closeInfo) return;
    this.#closeInfo = info;
    this.stopTickWatchdog();
    this.#pending.rejectAll((method) => connectionClosedError(method, info, true));
    try {
      this.#options.onClose?.(info.code, info.reason);
    } catch (err) {
      this.#handlerFailed('close handler', err);
    }
    this.#resolveClosed?.(info);
  }
}

const tooLarge = frameTooLarge;
