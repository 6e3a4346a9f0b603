import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { ExecTool } from '../exec/exec-tool.js';
import { invokeTool } from '../exec/invoke-tool.js';
import type { GatewayContext } from '../gateway-context.js';
import { authenticateRequest } from './bearer-auth.js';
import { toHttpError } from './error-response.js';
import type { HttpEnv } from './http-env.js';
import { readJsonBody } from './read-json-body.js';

/** Largest request body, as the real gateway's default. */
export const MAX_TOOLS_INVOKE_BODY = 2 * 1024 * 1024;

/** The real gateway's error body, `{ok: false, error: {type, message}}`, plus our `code`. */
function failure(c: Context<HttpEnv>, err: unknown): Response {
  const error = toHttpError(err);
  if (error.retryAfterMs !== undefined && error.retryAfterMs > 0) c.header('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
  const body = { type: error.wireCode, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  return c.json({ ok: false, error: body }, error.status as ContentfulStatusCode);
}

/**
 * The control API's bearer check (gateway token or an operator device token holding
 * `operator.write`), answered in this endpoint's own error shape. Failures count against
 * the caller's address like every other authentication failure.
 */
function authorize(ctx: GatewayContext, c: Context<HttpEnv>): OpenClawError | undefined {
  try {
    const caller = authenticateRequest(ctx, c);
    if (!caller.hasScope('operator.write')) return new OpenClawError('MISSING_SCOPE', 'missing scope: operator.write', { details: { missingScope: 'operator.write' } });
    return undefined;
  } catch (err) {
    return toHttpError(err);
  }
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
export function mountToolsInvoke(app: Hono<HttpEnv>, ctx: GatewayContext, tool: ExecTool): void {
  const tooLarge = (c: Context<HttpEnv>) => failure(c, new OpenClawError('PAYLOAD_TOO_LARGE', `request body exceeds ${MAX_TOOLS_INVOKE_BODY} bytes`));
  const authenticated = async (c: Context<HttpEnv>, next: () => Promise<void>) => {
    const refused = authorize(ctx, c);
    if (refused) return failure(c, refused);
    await next();
  };
  // Authentication first: an unauthenticated caller never gets its body read.
  app.post('/tools/invoke', authenticated, bodyLimit({ maxSize: MAX_TOOLS_INVOKE_BODY, onError: tooLarge }), async (c) => {
    // The call bounds itself (approval expiry, command and invoke timeouts); the socket idle
    // timeout would cut a caller waiting for an operator's approval or a long command, so it
    // is off while the call runs and back for whatever the connection carries next.
    const socket = c.env?.incoming?.socket;
    const idle = socket?.timeout;
    // A caller that hangs up while an operator is asked gets nothing run: its request is withdrawn.
    const owner = {};
    const gone = () => ctx.approvals.withdrawFor(owner);
    socket?.once('close', gone);
    try {
      const body = await readJsonBody(c);
      socket?.setTimeout(0);
      return c.json(await invokeTool(tool, body, owner));
    } catch (err) {
      return failure(c, err);
    } finally {
      socket?.off('close', gone);
      if (idle) socket?.setTimeout(idle);
    }
  });
  app.all('/tools/invoke', (c) => failure(c, new OpenClawError('UNKNOWN_ROUTE', 'no route for this method: use POST /tools/invoke')));
}
