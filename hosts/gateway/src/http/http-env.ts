import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import type { SocketInfo } from '../gateway-socket.js';
import type { HttpCaller } from './http-caller.js';
import { socketInfo } from './request-info.js';

/** The gateway's Hono environment: the Node request and response behind each call (@hono/node-server's bindings). */
export type HttpEnv = { Bindings: { incoming: IncomingMessage; outgoing: ServerResponse } };

declare module 'hono' {
  /** Who is calling, once `bearerAuth` let the request through. */
  interface ContextVariableMap {
    caller: HttpCaller;
  }
}

const NO_SOCKET: SocketInfo = { remoteIp: 'unknown', isLocal: false };

/** The peer of a request; one served in memory (`app.request()`) counts as remote. */
export function requestInfo(c: Context<HttpEnv>, localProof: string): SocketInfo {
  const incoming = (c.env as Partial<HttpEnv['Bindings']> | undefined)?.incoming;
  return incoming ? socketInfo(incoming, localProof) : NO_SOCKET;
}
