import { OpenClawError, type WireError } from '../errors/openclaw-error.js';
import { stringifyJson } from './json-depth.js';

const FALLBACK_ERROR: WireError = { code: 'UNAVAILABLE', message: 'request failed' };

/**
 * Frame encoders. Each returns the text to hand to `socket.send`; `undefined` params or
 * payloads are left out, as the real clients do. A value JSON cannot hold (nested too deep,
 * cyclic) throws the coded error of `stringifyJson`; `encodeResponse` instead answers with
 * that error, so a request always gets a reply.
 *
 * @example
 * socket.send(encodeRequest('1:3f2c...', 'node.list', {}));
 */
export function encodeRequest(id: string, method: string, params?: unknown): string {
  return stringifyJson({ type: 'req', id, method, params }, `"${method}" request`);
}

/** `ok:false` takes a wire error object or an `OpenClawError` (sent as `toWire()`). */
export function encodeResponse(id: string, ok: true, payload?: unknown): string;
export function encodeResponse(id: string, ok: false, error: WireError | OpenClawError): string;
export function encodeResponse(id: string, ok: boolean, payloadOrError?: unknown): string;
export function encodeResponse(id: string, ok: boolean, payloadOrError?: unknown): string {
  try {
    if (ok) return stringifyJson({ type: 'res', id, ok: true, payload: payloadOrError }, 'response');
    // A failed response without an error object would be an invalid frame for the receiver.
    const error = payloadOrError instanceof OpenClawError ? payloadOrError.toWire() : (payloadOrError ?? FALLBACK_ERROR);
    return stringifyJson({ type: 'res', id, ok: false, error }, 'error response');
  } catch (err) {
    return JSON.stringify({ type: 'res', id, ok: false, error: OpenClawError.from(err).toWire() });
  }
}

/** `seq` belongs on broadcasts only; targeted events (invoke request, cancel) go without. */
export function encodeEvent(event: string, payload?: unknown, seq?: number): string {
  return stringifyJson(seq === undefined ? { type: 'event', event, payload } : { type: 'event', event, payload, seq }, `"${event}" event`);
}

/**
 * `encodeEvent` for a payload that is already JSON text, so a broadcast serialises its
 * payload once for every connection and only the per-connection `seq` differs.
 * `payloadJson` must be valid JSON; it is inserted as is.
 *
 * @example
 * const payloadJson = JSON.stringify({ ts: Date.now() });
 * for (const peer of peers) peer.socket.send(encodeEventJson('tick', payloadJson, peer.nextSeq()));
 */
export function encodeEventJson(event: string, payloadJson: string, seq?: number): string {
  const head = `{"type":"event","event":${JSON.stringify(event)},"payload":${payloadJson}`;
  return seq === undefined ? `${head}}` : `${head},"seq":${seq}}`;
}
