import type { Hono } from 'hono';
import type { McpHttpLimits, McpHttpSessions } from '@openclaw-nodes/mcp';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { GatewayContext } from '../gateway-context.js';
import type { MethodTable } from '../methods/method-spec.js';
import { bearerAuth } from './bearer-auth.js';
import { errorResponse, toHttpError } from './error-response.js';
import type { HttpEnv } from './http-env.js';

/**
 * `/mcp`: the MCP Streamable HTTP endpoint (docs/mcp.md), behind the `/v1` bearer auth and
 * Origin checks. The MCP SDK is imported on the first request, so a gateway nobody asks for
 * MCP never loads it. A caller needs `operator.read`; its tools follow its scopes.
 *
 * @example
 * mountMcp(app, ctx, methods, { idleMs: 60_000 });
 */
export function mountMcp(app: Hono<HttpEnv>, ctx: GatewayContext, methods: MethodTable, limits: Partial<McpHttpLimits> = {}): void {
  let sessions: Promise<McpHttpSessions> | undefined;
  const load = () =>
    (sessions ??= import('@openclaw-nodes/mcp').then(({ McpHttpSessions, DEFAULT_MCP_HTTP_LIMITS }) => {
      const held = new McpHttpSessions(ctx.settings.version, { ...DEFAULT_MCP_HTTP_LIMITS, ...limits }, (open) => (ctx.metrics.mcp.sessions = open));
      const off = ctx.hub.listen((event) => {
        if (event !== 'shutdown') return;
        off();
        held.close();
      });
      return held;
    }));
  app.all('/mcp', bearerAuth(ctx), async (c) => {
    const caller = c.get('caller');
    try {
      if (!caller.hasScope('operator.read')) throw new OpenClawError('MISSING_SCOPE', 'missing scope: operator.read', { details: { missingScope: 'operator.read', requiredScopes: ['operator.read'] } });
      const held = await load();
      const { inProcessPort, callerLabel } = await import('./mcp-port.js');
      const port = await inProcessPort(ctx, methods, caller, c.req.url);
      return await held.handle(c.req.raw, callerLabel(caller), () => port);
    } catch (err) {
      return errorResponse(c, toHttpError(err));
    }
  });
}
