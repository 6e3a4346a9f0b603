import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { SocketInfo } from '../gateway-socket.js';
import type { HttpCaller } from './http-caller.js';
import { socketInfo } from './request-info.js';

/** The gateway's Hono environment: the Node request behind each call. */
export type HttpEnv = { Bindings: { incoming: IncomingMessage } };

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
