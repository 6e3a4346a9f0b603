import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { ConnectAuth } from '@openclaw-nodes/core/protocol';
import type { AuthMethod } from '../connection.js';
import type { GatewayContext } from '../gateway-context.js';
import { tokenMatches } from '../state/device-token.js';
import { secretEquals } from './shared-secret.js';

export type { AuthMethod };

const tokenMissing = () =>
  new OpenClawError('AUTH_TOKEN_MISSING', 'unauthorized: gateway token missing (provide gateway auth token)', {
    details: { authReason: 'token_missing', canRetryWithDeviceToken: false, recommendedNextStep: 'update_auth_configuration' },
  });
const tokenMismatch = () =>
  new OpenClawError('AUTH_TOKEN_MISMATCH', 'unauthorized: gateway token mismatch (provide gateway auth token)', {
    details: { authReason: 'token_mismatch', canRetryWithDeviceToken: true, recommendedNextStep: 'retry_with_device_token' },
  });
const deviceTokenMismatch = () =>
  new OpenClawError('AUTH_DEVICE_TOKEN_MISMATCH', 'unauthorized: device token mismatch (rotate/reissue device token)', {
    details: { authReason: 'device_token_mismatch', canRetryWithDeviceToken: false, recommendedNextStep: 'update_auth_credentials' },
  });

/**
 * Checks the connect credential (PROTOCOL.md section 4): the shared token, or a device token
 * bound to (deviceId, role). Throws the coded error the real gateway answers with.
 *
 * `auth.mode: none` lets in only a local connection (loopback, no proxy headers, the gateway's
 * local proof), as the HTTP API does: a proxy on the same machine forwarding other people's connections must not make
 * them full operators without a credential.
 */
export function authenticate(
  ctx: GatewayContext,
  auth: ConnectAuth | undefined,
  deviceId: string | undefined,
  role: string,
  isLocal: boolean,
): AuthMethod {
  const { settings } = ctx;
  const stored = deviceId ? ctx.store.device(deviceId)?.tokens[role] : undefined;
  if (auth?.token) {
    if (settings.token !== undefined && secretEquals(auth.token, settings.token)) return 'token';
    // With a device block, a non-shared `auth.token` may be that device's token.
    if (tokenMatches(auth.token, stored)) return 'device-token';
    if (settings.authMode === 'none' && isLocal) return 'none';
    throw tokenMismatch();
  }
  if (auth?.deviceToken) {
    if (tokenMatches(auth.deviceToken, stored)) return 'device-token';
    throw deviceTokenMismatch();
  }
  if (settings.authMode === 'none' && isLocal) return 'none';
  throw tokenMissing();
}
