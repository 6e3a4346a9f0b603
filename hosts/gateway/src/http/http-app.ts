import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import { createNodeWebSocket } from '@hono/node-ws';
import type { WebSocket } from 'ws';
import { MAX_PAYLOAD_BYTES } from '@openclaw-nodes/core/protocol';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayContext } from '../gateway-context.js';
import type { SocketInfo } from '../gateway-socket.js';

type Env = { Bindings: { incoming: IncomingMessage } };

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip'];

/** Loopback peer, and no proxy in between (a proxied request is never "local"). */
export function socketInfo(req: IncomingMessage): SocketInfo {
  const raw = req.socket.remoteAddress ?? '';
  const remoteIp = raw.startsWith('::ffff:') ? raw.slice(7) : raw;
  const loopback = remoteIp === '::1' || remoteIp.startsWith('127.');
  const forwarded = FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
  return { remoteIp, isLocal: loopback && !forwarded };
}

/**
 * A browser always sends Origin; other clients do not. A browser may connect only from the
 * gateway's own origin or one listed in `gateway.controlUi.allowedOrigins`, so a page on
 * another site cannot ride a user's local gateway.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin) || allowed.includes('*')) return true;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

export function errorResponse(c: Context, err: OpenClawError) {
  return c.json({ error: { code: err.code, message: err.message, details: err.details ?? {} } }, err.status as 400);
}

/**
 * The gateway's HTTP face: WebSocket upgrades on `/`, and `GET /health`.
 *
 * @example
 * const { app, injectWebSocket } = createHttpApp(ctx, (ws, info) => serve(ws, info));
 * injectWebSocket(serve({ fetch: app.fetch, port }));
 */
export function createHttpApp(ctx: GatewayContext, onSocket: (socket: WebSocket, info: SocketInfo) => void) {
  const app = new Hono<Env>();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // Frames larger than policy.maxPayload are refused by ws itself (close 1009).
  (wss.options as { maxPayload?: number }).maxPayload = MAX_PAYLOAD_BYTES;

  app.get('/health', (c) =>
    c.json({ ok: true, version: ctx.settings.version, uptimeMs: Date.now() - ctx.startedAtMs, nodes: ctx.registry.size }),
  );

  app.get(
    '/',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
        return c.text(`openclaw-nodes gateway ${ctx.settings.version}\n`);
      }
      if (!originAllowed(c.req.header('origin'), c.req.header('host'), ctx.settings.allowedOrigins)) {
        return errorResponse(c, new OpenClawError('ORIGIN_NOT_ALLOWED', `origin ${c.req.header('origin')} is not allowed; add it to gateway.controlUi.allowedOrigins`));
      }
      return next();
    },
    upgradeWebSocket((c) => {
      const info = socketInfo(c.env.incoming);
      return {
        onOpen: (_event, ws) => onSocket(ws.raw as WebSocket, info),
      };
    }),
  );

  return { app, injectWebSocket };
}
