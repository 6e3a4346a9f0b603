import type { IncomingMessage } from 'node:http';
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { secretEquals } from '../auth/shared-secret.js';
import type { ExecTool } from '../exec/exec-tool.js';
import { invokeTool } from '../exec/invoke-tool.js';
import type { GatewayContext } from '../gateway-context.js';
import { socketInfo } from './http-app.js';

type Env = { Bindings: { incoming: IncomingMessage } };

/** Largest request body, as the real gateway's default. */
export const MAX_TOOLS_INVOKE_BODY = 2 * 1024 * 1024;

/** The real gateway's error body: `{ok: false, error: {type, message}}`, plus our `code`. */
function failure(c: Context, err: unknown) {
  const error = OpenClawError.from(err);
  return c.json({ ok: false, error: { type: error.wireCode, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }, error.status as 400);
}

/** Bearer token check; with `auth.mode: none` (loopback only) nothing is required. */
function authorize(ctx: GatewayContext, c: Context<Env>): OpenClawError | undefined {
  if (ctx.settings.authMode === 'none') return undefined;
  const { remoteIp, isLocal } = socketInfo(c.env.incoming);
  const retryAfterMs = ctx.limiter.retryAfter(remoteIp, isLocal);
  if (retryAfterMs > 0) return new OpenClawError('AUTH_RATE_LIMITED', 'unauthorized: too many failed authentication attempts', { retryAfterMs });
  const header = c.req.header('authorization') ?? '';
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (!token) return new OpenClawError('AUTH_TOKEN_MISSING', 'unauthorized: send Authorization: Bearer <gateway token>');
  if (ctx.settings.token === undefined || !secretEquals(token, ctx.settings.token)) {
    ctx.limiter.fail(remoteIp, isLocal);
    return new OpenClawError('AUTH_TOKEN_MISMATCH', 'unauthorized: gateway token mismatch');
  }
  ctx.limiter.succeed(remoteIp);
  return undefined;
}

/**
 * `POST /tools/invoke`: the agent tool entry point over HTTP, with the same JSON body as the
 * `tools.invoke` method and `Authorization: Bearer <gateway token>`. Answers
 * `{ok: true, toolName, result}` or `{ok: false, error}` with the error code's HTTP status.
 *
 * @example
 * mountToolsInvoke(app, ctx, execTool);
 * // curl -H "Authorization: Bearer $TOKEN" -d '{"tool":"exec","args":{"command":"uname"}}' http://127.0.0.1:18789/tools/invoke
 */
export function mountToolsInvoke(app: Hono<Env>, ctx: GatewayContext, tool: ExecTool): void {
  const tooLarge = (c: Context<Env>) => failure(c, new OpenClawError('PAYLOAD_TOO_LARGE', `request body exceeds ${MAX_TOOLS_INVOKE_BODY} bytes`));
  const authenticated = async (c: Context<Env>, next: () => Promise<void>) => {
    const refused = authorize(ctx, c);
    if (refused) return failure(c, refused);
    await next();
  };
  // Authentication first: an unauthenticated caller never gets its body read.
  app.post('/tools/invoke', authenticated, bodyLimit({ maxSize: MAX_TOOLS_INVOKE_BODY, onError: tooLarge }), async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return failure(c, new OpenClawError('INVALID_REQUEST', 'request body must be JSON'));
    }
    try {
      return c.json(await invokeTool(tool, body));
    } catch (err) {
      return failure(c, err);
    }
  });
  app.all('/tools/invoke', (c) => c.json({ ok: false, error: { type: 'INVALID_REQUEST', code: 'INVALID_REQUEST', message: 'use POST' } }, 405));
}
