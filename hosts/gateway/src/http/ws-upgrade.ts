import type { IncomingMessage, Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hono } from 'hono';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_PAYLOAD_BYTES } from '@openclaw-nodes/core/protocol';
import type { HttpEnv } from './http-env.js';

/**
 * WebSocket upgrades of the gateway's port. An upgrade runs through the HTTP app like any
 * request (Origin checks, the `/` route), which marks the requests it accepts with
 * `accept(c.env.incoming)`; the socket is then handed to `onSocket`, and nothing of the
 * request (headers, the app's context, a URL) stays alive with it, which a thousand idle
 * nodes would each pay for.
 *
 * The common case, a client that is not a browser (no Origin) asking for `/`, is what the
 * app would accept without a look at anything else, so it skips the app.
 */
export function webSocketUpgrades(app: Hono<HttpEnv>, onSocket: (socket: WebSocket, request: IncomingMessage) => void) {
  const accepted = new WeakSet<IncomingMessage>();
  const wss = new WebSocketServer({
    noServer: true,
    // Frames larger than this are refused by ws itself (close 1009).
    maxPayload: MAX_PAYLOAD_BYTES,
    // One frame per socket per turn of the event loop: a peer that sends thousands of frames
    // at once (a flood, malformed or not) waits its turn behind every other socket instead of
    // holding the loop for the whole burst, and its TCP window closes while it waits.
    allowSynchronousEvents: false,
  });
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => wss.handleUpgrade(request, socket, head, (ws) => onSocket(ws, request));

  const onUpgrade = async (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (request.headers.origin === undefined && request.url === '/' && request.headers.upgrade?.toLowerCase() === 'websocket') {
      upgrade(request, socket, head);
      return;
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(request.headers)) if (value) headers.append(key, Array.isArray(value) ? value[0]! : value);
    const response = await app.request(new URL(request.url ?? '/', 'http://localhost'), { headers }, { incoming: request, outgoing: undefined } as unknown as HttpEnv['Bindings']);
    if (accepted.has(request)) {
      accepted.delete(request);
      upgrade(request, socket, head);
      return;
    }
    // Refused (origin, route): the status only, and the socket is done.
    socket.end(`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  return {
    /** For the app's upgrade route: this request may become a WebSocket. */
    accept: (request: IncomingMessage) => void accepted.add(request),
    /** Serves upgrades on `server`. */
    inject: (server: Server) => void server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => void onUpgrade(request, socket, head).catch(() => socket.destroy())),
  };
}
