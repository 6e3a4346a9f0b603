import type { Context, MiddlewareHandler } from 'hono';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { secretEquals } from '../auth/shared-secret.js';
import { tokenMatches } from '../state/device-token.js';
import type { GatewayContext } from '../gateway-context.js';
import { errorResponse, toHttpError } from './error-response.js';
import { HttpCaller } from './http-caller.js';
import { requestInfo, type HttpEnv } from './http-env.js';
import { isLoopbackHost } from './request-info.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The operator device whose token this is, checked in constant time. */
function deviceCaller(ctx: GatewayContext, token: string): HttpCaller | undefined {
  for (const device of ctx.store.devices()) {
    const issued = device.tokens.operator;
    if (issued && tokenMatches(token, issued)) return new HttpCaller('device-token', new Set(issued.scopes), device.deviceId);
  }
  return undefined;
}

/**
 * Who is calling: the gateway token, an operator device token the gateway issued, or — with
 * `auth.mode: none` — a local client (one that presented the gateway's local proof, see
 * `socketInfo`) naming a loopback Host (so a DNS-rebound page cannot pass either). Throws `AUTH_TOKEN_MISSING` / `AUTH_TOKEN_MISMATCH`.
 */
export function authenticateHttp(ctx: GatewayContext, authorization: string | undefined, local: { isLocal: boolean; host?: string }): HttpCaller {
  const token = BEARER.exec(authorization ?? '')?.[1];
  const { settings } = ctx;
  if (settings.authMode === 'none' && local.isLocal && isLoopbackHost(local.host)) return new HttpCaller('none');
  if (token === undefined) {
    throw new OpenClawError('AUTH_TOKEN_MISSING', 'unauthorized: send Authorization: Bearer <gateway token or operator device token>', {
      details: { authReason: 'token_missing' },
    });
  }
  if (settings.token !== undefined && secretEquals(token, settings.token)) return new HttpCaller('token');
  const caller = deviceCaller(ctx, token);
  if (caller) return caller;
  throw new OpenClawError('AUTH_TOKEN_MISMATCH', 'unauthorized: the bearer token is neither the gateway token nor an operator device token', {
    details: { authReason: 'token_mismatch' },
  });
}

/**
 * `authenticateHttp` behind the address limiter (AuthLimiter), the one way every HTTP
 * credential is checked: a locked-out address gets `AUTH_RATE_LIMITED` (with
 * `retryAfterMs`) without its token being looked at, and each failure counts against it —
 * unless the token is an operator device token this gateway issued (see `limited`).
 * On failure it sets `WWW-Authenticate` and throws the coded error.
 */
export function authenticateRequest(ctx: GatewayContext, c: Context<HttpEnv>): HttpCaller {
  const check = () => authenticateHttp(ctx, c.req.header('authorization'), { isLocal: requestInfo(c, ctx.localProof).isLocal, host: c.req.header('host') });
  return limited(ctx, c, check, (token) => deviceCaller(ctx, token) !== undefined);
}

/** The node device whose token this is, checked in constant time. */
function nodeDevice(ctx: GatewayContext, token: string): string | undefined {
  for (const device of ctx.store.devices()) {
    const issued = device.tokens.node;
    if (issued && tokenMatches(token, issued)) return device.deviceId;
  }
  return undefined;
}

/**
 * The node a request comes from, by the device token the gateway issued it for the node role
 * (media uploads), behind the same limiter as `authenticateRequest`. Returns its device id.
 */
export function authenticateNodeRequest(ctx: GatewayContext, c: Context<HttpEnv>): string {
  const check = () => {
    const token = bearerToken(c);
    if (token === undefined) throw new OpenClawError('AUTH_TOKEN_MISSING', "unauthorized: send Authorization: Bearer <the node's device token>", { details: { authReason: 'token_missing' } });
    const deviceId = nodeDevice(ctx, token);
    if (deviceId !== undefined) return deviceId;
    throw new OpenClawError('AUTH_DEVICE_TOKEN_MISMATCH', 'unauthorized: the bearer token is not a node device token this gateway issued', { details: { authReason: 'device_token_mismatch' } });
  };
  return limited(ctx, c, check, (token) => nodeDevice(ctx, token) !== undefined);
}

const bearerToken = (c: Context<HttpEnv>): string | undefined => BEARER.exec(c.req.header('authorization') ?? '')?.[1];

/**
 * Runs `check` unless the caller's address is locked out, counting its failures against the
 * address. A request bearing a device token this gateway issued to a paired device
 * (`isDeviceToken`) is never held: every client of a tunnel or proxy shares 127.0.0.1, so a
 * flood of guesses through one would otherwise lock out the paired nodes and operator
 * devices behind it. Checking such a token first gives a locked-out address no faster way
 * to guess anything: a device token is 256 random bits, and the gateway token and every
 * wrong token still meet the lockout, and count.
 */
function limited<T>(ctx: GatewayContext, c: Context<HttpEnv>, check: () => T, isDeviceToken: (token: string) => boolean): T {
  const token = bearerToken(c);
  if (token !== undefined && isDeviceToken(token)) return check();
  const { remoteIp, isLocal } = requestInfo(c, ctx.localProof);
  const retryAfterMs = ctx.limiter.retryAfter(remoteIp, isLocal);
  if (retryAfterMs > 0) {
    throw new OpenClawError('AUTH_RATE_LIMITED', 'unauthorized: too many failed attempts; try again later', { retryAfterMs, details: { authReason: 'rate_limited' } });
  }
  try {
    return check();
  } catch (err) {
    ctx.limiter.fail(remoteIp, isLocal);
    c.header('WWW-Authenticate', 'Bearer realm="openclaw"');
    throw err;
  }
}

/**
 * Hono middleware that lets only authenticated operators through and puts the caller in
 * `c.get('caller')`. Failures count against the caller's address (AuthLimiter): a locked-out
 * address gets 429 with `Retry-After` until the lockout ends, a local client never.
 *
 * @example
 * app.use('/v1/*', bearerAuth(ctx));
 * app.get('/v1/whoami', (c) => c.json({ scopes: [...c.get('caller').scopes] }));
 */
export function bearerAuth(ctx: GatewayContext): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    let caller: HttpCaller;
    try {
      caller = authenticateRequest(ctx, c);
    } catch (err) {
      return errorResponse(c, toHttpError(err));
    }
    c.set('caller', caller);
    await next();
  };
}
