import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Time and count bounds of the gateway's HTTP side, so a client that connects and then
 * sends nothing, sends headers or a body byte by byte, or parks idle keep-alive sockets
 * cannot hold sockets (and memory) for ever. None of them touches a response being streamed
 * (`/v1/events`) or an upgraded WebSocket: Node applies the header and request timeouts
 * only while a request is being received, and ws clears the idle timeout on upgrade.
 */
export interface HttpLimits {
  /** Longest wait for a request's complete headers, ms; past it the socket gets 408 and closes. */
  headersTimeoutMs: number;
  /** Longest wait for a complete request, body included, ms (the slow-body bound). */
  requestTimeoutMs: number;
  /** How long a keep-alive socket may idle between requests, ms. */
  keepAliveTimeoutMs: number;
  /** A socket with no traffic either way for this long is destroyed, ms (a reader that stopped reading a response). */
  idleTimeoutMs: number;
  /** Idle keep-alive sockets kept at most; past it the longest-idle one is closed. */
  maxIdleSockets: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  // Above the event stream's 15 s keepalive comment, so a reading SSE client never idles out.
  idleTimeoutMs: 120_000,
  maxIdleSockets: 256,
};

/** `DEFAULT_HTTP_LIMITS` with the keys `overrides` sets (undefined ones ignored). */
export function httpLimits(overrides: Partial<HttpLimits> = {}): HttpLimits {
  const limits = { ...DEFAULT_HTTP_LIMITS };
  for (const [key, value] of Object.entries(overrides) as Array<[keyof HttpLimits, number | undefined]>) {
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

/** `http.createServer` options for `limits`. */
export function httpServerOptions(limits: HttpLimits): ServerOptions {
  // Node refuses a header timeout longer than the whole-request one.
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return {
    headersTimeout,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node enforces the header and request timeouts only when this timer runs (default: every 30 s).
    connectionsCheckingInterval: Math.min(1_000, headersTimeout),
  };
}

/** Applies what `createServer` options cannot carry: the idle timeout and the idle-socket cap. */
export function applyHttpLimits(server: Server, limits: HttpLimits): void {
  server.timeout = limits.idleTimeoutMs;
  const idle = new Set<Socket>();
  const tracked = new WeakSet<Socket>();
  server.on('request', (req, res) => {
    const socket = req.socket;
    idle.delete(socket);
    if (!tracked.has(socket)) {
      tracked.add(socket);
      socket.once('close', () => idle.delete(socket));
    }
    res.once('finish', () => {
      if (socket.destroyed) return;
      idle.add(socket);
      if (idle.size <= limits.maxIdleSockets) return;
      // Sets iterate in insertion order: the first one has idled longest.
      const oldest = idle.values().next().value!;
      idle.delete(oldest);
      oldest.destroy();
    });
  });
  server.on('upgrade', (req) => idle.delete(req.socket));
}
