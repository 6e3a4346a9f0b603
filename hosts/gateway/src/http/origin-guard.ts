import type { MiddlewareHandler } from 'hono';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayContext } from '../gateway-context.js';
import { errorResponse } from './error-response.js';
import type { HttpEnv } from './http-env.js';
import { originAllowed } from './request-info.js';

const PREFLIGHT_MAX_AGE_S = 600;

/**
 * Every request a browser sends from another site carries its Origin: one that is neither
 * the gateway's own nor listed in `gateway.controlUi.allowedOrigins` is refused with 403
 * `ORIGIN_NOT_ALLOWED` — WebSocket upgrades, API calls and CORS preflights alike. Allowed
 * cross-origin callers get CORS headers; no credentials mode, since auth is a bearer header.
 *
 * @example
 * app.use('*', originGuard(ctx));
 */
export function originGuard(ctx: GatewayContext): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    if (!originAllowed(origin, c.req.header('host'), ctx.settings.allowedOrigins)) {
      return errorResponse(c, new OpenClawError('ORIGIN_NOT_ALLOWED', `origin ${origin} is not allowed; add it to gateway.controlUi.allowedOrigins`, { details: { origin } }));
    }
    if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method') !== undefined) {
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE',
        // MCP clients (/mcp) name their session and protocol version, and resume streams.
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID',
        'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_S),
        Vary: 'Origin',
      });
    }
    await next();
    // A WebSocket upgrade is answered on the raw socket; its response headers go nowhere.
    if (c.req.header('upgrade') === undefined) {
      c.res.headers.set('Access-Control-Allow-Origin', origin);
      // A browser MCP client must read the session id the server gives it.
      c.res.headers.set('Access-Control-Expose-Headers', 'Mcp-Session-Id');
      c.res.headers.append('Vary', 'Origin');
    }
  };
}
