import type { Context } from 'hono';
import type { ResponseBacklog } from '../media/file-body.js';
import type { HttpEnv } from './http-env.js';

/**
 * What a media request asks beyond the media, and who asks: one `Range` header, whether it is a
 * `HEAD` (headers only), the caller a pull slot is counted against (an operator device, else the
 * client address), the client's hang-up, and how to drop its connection quietly.
 */
export interface MediaRequest {
  range: string | undefined;
  head: boolean;
  caller?: string;
  /** Aborted when the client closed its connection before the response was done. */
  signal?: AbortSignal;
  /** Drops the client's connection: a response cut short ends without a stack trace in the log. */
  hangUp?: (err: Error) => void;
  /** The response being written, for the bytes it still holds unsent (`fileBody` reuses buffers by it). */
  response?: ResponseBacklog;
}

/**
 * The `MediaRequest` of a route's request. Call it before the handler's first `await`: the
 * hang-up signal only sees a client that leaves after it was asked for.
 */
export function mediaRequest(c: Context<HttpEnv>): MediaRequest {
  const { incoming, outgoing } = (c.env as Partial<HttpEnv['Bindings']> | undefined) ?? {};
  const device = c.get('caller')?.deviceId;
  const address = incoming?.socket.remoteAddress;
  return {
    range: c.req.header('range'),
    head: c.req.method === 'HEAD',
    caller: device !== undefined ? `device ${device}` : address !== undefined ? `address ${address}` : undefined,
    // The request's signal exists from its first use on: a socket closed before that never aborts it.
    signal: incoming?.socket.destroyed ? AbortSignal.abort() : c.req.raw.signal,
    ...(incoming ? { hangUp: () => void incoming.socket.destroy() } : {}),
    ...(outgoing ? { response: outgoing } : {}),
  };
}

/** Whether the client of `request` is gone already (the response would go nowhere). */
export const clientGone = (request: MediaRequest): boolean => request.signal?.aborted === true;
