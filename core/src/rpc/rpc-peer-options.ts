import type { RawData } from 'ws';
import type { OpenClawError, WireError } from '../errors/openclaw-error.js';
import type { EventFrame, RequestFrame } from '../protocol/frames.js';

/** The logging an `RpcPeer` does: malformed frames, failing handlers, late responses. */
export interface RpcLogger {
  warn(message: string, context?: Record<string, unknown>): void;
  debug?(message: string, context?: Record<string, unknown>): void;
}

/** Answers one incoming request; only the first call sends anything. */
export interface Reply {
  (ok: true, payload?: unknown): void;
  (ok: false, error: WireError | OpenClawError): void;
}

/**
 * Handles an incoming request. Reply synchronously or later; a thrown `OpenClawError` (or a
 * rejected promise) is sent as its wire error, anything else as `UNAVAILABLE` without
 * internals.
 */
export type RequestHandler = (method: string, params: unknown, reply: Reply, frame: RequestFrame) => void | Promise<void>;
export type EventHandler = (payload: unknown, frame: EventFrame) => void;
export type AnyEventHandler = (event: string, payload: unknown, frame: EventFrame) => void;

export interface RpcPeerOptions {
  /** Largest frame accepted or sent, in UTF-8 bytes. Default `MAX_PAYLOAD_BYTES` (25 MiB). */
  maxPayloadBytes?: number;
  /** Bytes that may wait unsent before the peer counts as stalled and the socket is cut. Default `MAX_BUFFERED_BYTES` (50 MiB). */
  maxBufferedBytes?: number;
  /** Default deadline of `request()`. Default 30 000 ms; `Infinity` waits forever. */
  defaultTimeoutMs?: number;
  /** Incoming requests; without it every request is answered `unknown method: <m>`. */
  onRequest?: RequestHandler;
  /** Every incoming event, after the handlers registered with `on()`. */
  onEvent?: AnyEventHandler;
  /** Called once when the peer closes, locally or remotely. */
  onClose?: (code: number, reason: string) => void;
  /** A frame that failed to parse (it is otherwise ignored). */
  onProtocolError?: (error: OpenClawError, data: RawData) => void;
  log?: RpcLogger;
}

export interface RequestOptions {
  /** Overrides `defaultTimeoutMs` for this request. */
  timeoutMs?: number;
}

/** How the peer ended. `cause` is set when the peer itself gave up (`TICK_TIMEOUT`). */
export interface CloseInfo {
  code: number;
  reason: string;
  cause?: OpenClawError;
}
