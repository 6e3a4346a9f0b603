import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createNodeWebSocket } from '@hono/node-ws';
import type { WebSocket } from 'ws';
import { MAX_PAYLOAD_BYTES } from '@openclaw-nodes/core/protocol';
import { holdWritesThisTurn } from '@openclaw-nodes/core/socket-bounds';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayContext } from '../gateway-context.js';
import type { SocketInfo } from '../gateway-socket.js';
import { controlPage, mountControlAssets } from '../web/control-page.js';
import type { MethodTable } from '../methods/method-spec.js';
import type { ApiRoute } from './api-route.js';
import { bearerAuth } from './bearer-auth.js';
import { errorResponse, toHttpError } from './error-response.js';
import type { HttpEnv } from './http-env.js';
import { mediaFetchRoute } from './media-fetch-route.js';
import { mediaApiRoutes, type MediaRoute } from './media-route.js';
import { mountMediaUpload } from './media-upload-route.js';
import { mountApi } from './mount-api.js';
import { approvalRoutes } from './approval-routes.js';
import { nodeRoutes } from './node-routes.js';
import { observeRoutes } from './observe-routes.js';
import { openApiDocument } from './openapi.js';
import { originGuard } from './origin-guard.js';
import { pairingRoutes } from './pairing-routes.js';
import { isLoopbackHost, socketInfo } from './request-info.js';

/** Largest request body the control API reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpAppOptions {
  /** The gateway's method table: API routes run the same methods as WebSocket clients. */
  methods: MethodTable;
  /** Media routes beyond the built-in ones (canvas snapshot), from capabilities' gateway sides. */
  mediaRoutes?: readonly MediaRoute[];
}

/** What `/health` shows of cluster membership: the name, this member, how many others are alive, Redis up or down. */
function clusterHealth(ctx: GatewayContext) {
  if (!ctx.cluster) return {};
  const { name, member, peers, redis } = ctx.cluster.status();
  return { cluster: { name, member, peers: peers.length, redis } };
}

/**
 * The gateway's HTTP face: WebSocket upgrades and the control page on `/`, `GET /health`, the
 * control API under `/v1` and `GET /metrics` (bearer auth, Origin checks, coded JSON errors; docs/http-api.md).
 *
 * @example
 * const { app, injectWebSocket } = createHttpApp(ctx, (ws, info) => serve(ws, info), { methods });
 * injectWebSocket(serve({ fetch: app.fetch, port }));
 */
export function createHttpApp(ctx: GatewayContext, onSocket: (socket: WebSocket, info: SocketInfo) => void, options: HttpAppOptions) {
  const app = new Hono<HttpEnv>();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // Frames larger than policy.maxPayload are refused by ws itself (close 1009).
  (wss.options as { maxPayload?: number }).maxPayload = MAX_PAYLOAD_BYTES;
  // One frame per socket per turn of the event loop unless the socket has budget left
  // (frame-budget.ts): a peer that sends thousands of frames at once (a flood, malformed or
  // not) waits its turn behind every other socket instead of holding the loop for the whole
  // burst, and its TCP window closes while it waits.
  (wss.options as { allowSynchronousEvents?: boolean }).allowSynchronousEvents = false;
  // The 101 response waits for the rest of its turn, in which the socket opens and sends
  // `connect.challenge`: both leave in one write, one syscall (and one wake-up of the peer)
  // fewer per handshake.
  wss.on('headers', (_headers: string[], request: IncomingMessage) => holdWritesThisTurn(request.socket));

  app.use('*', originGuard(ctx));
  app.get('/health', (c) =>
    c.json({ ok: true, version: ctx.settings.version, uptimeMs: Date.now() - ctx.startedAtMs, nodes: ctx.registry.size, ...clusterHealth(ctx) }),
  );

  app.get(
    '/',
    async (c, next) => {
      if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') return controlPage();
      // With auth.mode none the socket needs no token, so a page whose name was rebound to
      // 127.0.0.1 (its Origin then matches its Host) could ride it: browsers need a loopback Host.
      if (ctx.settings.authMode === 'none' && c.req.header('origin') !== undefined && !isLoopbackHost(c.req.header('host'))) {
        return errorResponse(c, new OpenClawError('ORIGIN_NOT_ALLOWED', 'browsers may open this gateway only at a loopback address (auth mode none)', { details: { origin: c.req.header('origin') } }));
      }
      return next();
    },
    upgradeWebSocket((c) => {
      const info = socketInfo(c.env.incoming, ctx.localProof);
      return {
        onOpen: (_event, ws) => {
          // @hono/node-ws keeps this request context alive as long as the socket; the upgrade
          // request (headers and all) is not needed after the upgrade, so let it go.
          c.env.incoming = undefined as unknown as IncomingMessage;
          onSocket(ws.raw as WebSocket, info);
        },
      };
    }),
  );

  mountControlAssets(app);

  const tooLarge = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => {
      // The rest of the body is never read, so the connection cannot carry another request.
      c.header('Connection', 'close');
      return errorResponse(c, new OpenClawError('PAYLOAD_TOO_LARGE', `request body exceeds ${MAX_BODY_BYTES} bytes`, { details: { maxBytes: MAX_BODY_BYTES } }));
    },
  });
  mountMediaUpload(app, ctx);
  app.use('/v1/*', bearerAuth(ctx), tooLarge);
  app.use('/metrics', bearerAuth(ctx));
  const media = mediaApiRoutes(options.mediaRoutes ?? []);
  const routes: ApiRoute[] = [...nodeRoutes, ...pairingRoutes, ...approvalRoutes, ...observeRoutes, mediaFetchRoute, ...media];
  let openapi: object | undefined;
  app.get('/v1/openapi.json', (c) => c.json((openapi ??= openApiDocument(routes, options.methods, ctx.settings.version))));
  mountApi(app, ctx, options.methods, routes);

  app.notFound((c) => errorResponse(c, new OpenClawError('UNKNOWN_ROUTE', `no route ${c.req.method} ${c.req.path}`, { details: { method: c.req.method, path: c.req.path } })));
  app.onError((err, c) => errorResponse(c, toHttpError(err)));
  return { app, injectWebSocket };
}
