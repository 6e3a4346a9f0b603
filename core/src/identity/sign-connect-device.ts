import { buildDeviceAuthPayload, type DeviceAuthVersion } from './device-auth-payload.js';
import type { DeviceIdentity } from './device-identity.js';
import { signDevicePayload } from './device-signature.js';

export interface ConnectDeviceArgs {
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  /** The credential sent in `auth` (token, device token or bootstrap token); omit for password auth. */
  token?: string | null;
  /** The `connect.challenge` nonce. */
  nonce: string;
  /** The `connect.challenge` ts, as the reference client does. */
  signedAt: number;
  platform?: string;
  deviceFamily?: string;
  /** Default `v3`, what every current client sends. */
  version?: DeviceAuthVersion;
}

/** The `device` block of a `connect` request. */
export interface ConnectDevice {
  id: string;
  publicKey: string;
  signature: string;
  signedAt: number;
  nonce: string;
}

/**
 * Builds the signed `device` block for `connect.params.device` (PROTOCOL.md sections 2.2, 3).
 *
 * @example
 * const device = signConnectDevice(identity, {
 *   clientId: 'node-host', clientMode: 'node', role: 'node', scopes: [],
 *   token: auth.token ?? auth.deviceToken, nonce: challenge.nonce, signedAt: challenge.ts,
 *   platform: 'linux', deviceFamily: 'Linux',
 * });
 */
export function signConnectDevice(identity: DeviceIdentity, args: ConnectDeviceArgs): ConnectDevice {
  const payload = buildDeviceAuthPayload(args.version ?? 'v3', {
    deviceId: identity.deviceId,
    clientId: args.clientId,
    clientMode: args.clientMode,
    role: args.role,
    scopes: args.scopes,
    signedAt: args.signedAt,
    token: args.token,
    nonce: args.nonce,
    platform: args.platform,
    deviceFamily: args.deviceFamily,
  });
  return {
    id: identity.deviceId,
    publicKey: identity.publicKey,
    signature: signDevicePayload(identity, payload),
    signedAt: args.signedAt,
    nonce: args.nonce,
  };
}
