import { OpenClawError } from '../errors/openclaw-error.js';
import type { ErrorCode } from '../errors/codes.js';
import { buildDeviceAuthPayload, type DeviceAuthFields, type DeviceAuthVersion } from './device-auth-payload.js';
import { verifyWithKey } from './device-signature.js';
import { parsePublicKey, sha256Hex, type ParsedPublicKey } from './public-key.js';

/** The protocol allows this much clock difference between a client and the gateway. */
export const DEFAULT_MAX_SKEW_MS = 120_000;

export interface DeviceProofInput {
  device: { id: string; publicKey: string; signature: string; signedAt: number; nonce?: string };
  client: { id: string; mode: string; platform?: string; deviceFamily?: string };
  role: string;
  scopes: readonly string[];
  /** `auth.token ?? auth.deviceToken ?? auth.bootstrapToken`, as the gateway resolved it. */
  token: string | null | undefined;
  /** The nonce this connection's `connect.challenge` carried. */
  challengeNonce: string;
  now?: number;
  maxSkewMs?: number;
  /**
   * `device.publicKey` already parsed (a paired device's record keeps it), so a fleet larger than
   * the parse cache does not parse its keys again on every return. Used only when its wire form
   * is exactly the `device.publicKey` sent; parsed from the string otherwise.
   */
  key?: ParsedPublicKey;
}

export interface VerifiedDeviceProof {
  /** The device's public key in wire form (unpadded base64url). */
  publicKey: string;
  signatureVersion: DeviceAuthVersion;
}

/**
 * Checks a `connect` request's device proof in the gateway's order (PROTOCOL.md section 3.6);
 * the first failure wins, so clients see the same error the real gateway gives.
 *
 * @throws OpenClawError with a `DEVICE_AUTH_*` code, the protocol's message and `details.reason`.
 *
 * @example
 * const { publicKey } = verifyDeviceProof({ device: params.device, client: params.client, role: params.role,
 *   scopes: params.scopes, token: auth.token ?? auth.deviceToken ?? auth.bootstrapToken, challengeNonce });
 */
export function verifyDeviceProof(input: DeviceProofInput): VerifiedDeviceProof {
  const { device } = input;
  const key = input.key !== undefined && input.key.publicKey === device.publicKey ? input.key : parsePublicKey(device.publicKey);
  // An undecodable key is hashed as sent, so a made-up id fails as a mismatch first.
  const derivedId = key === null ? sha256Hex(Buffer.from(String(device.publicKey), 'base64url')) : key.id;
  if (derivedId !== device.id) fail('DEVICE_AUTH_DEVICE_ID_MISMATCH', 'device identity mismatch', 'device-id-mismatch');
  if (key === null) fail('DEVICE_AUTH_PUBLIC_KEY_INVALID', 'device public key invalid', 'device-public-key');
  const now = input.now ?? Date.now();
  const maxSkewMs = input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  if (!Number.isFinite(device.signedAt) || Math.abs(now - device.signedAt) > maxSkewMs) {
    fail('DEVICE_AUTH_SIGNATURE_EXPIRED', 'device signature expired', 'device-signature-stale');
  }
  const nonce = typeof device.nonce === 'string' ? device.nonce.trim() : '';
  if (nonce === '') fail('DEVICE_AUTH_NONCE_REQUIRED', 'device nonce required', 'device-nonce-missing');
  if (nonce !== input.challengeNonce) fail('DEVICE_AUTH_NONCE_MISMATCH', 'device nonce mismatch', 'device-nonce-mismatch');

  const fields: DeviceAuthFields = {
    deviceId: device.id,
    clientId: input.client.id,
    clientMode: input.client.mode,
    role: input.role,
    scopes: input.scopes,
    signedAt: device.signedAt,
    token: input.token,
    nonce,
    platform: input.client.platform,
    deviceFamily: input.client.deviceFamily,
  };
  for (const version of ['v3', 'v2'] as const) {
    if (verifyWithKey(key.keyObject, buildDeviceAuthPayload(version, fields), device.signature)) {
      return { publicKey: key.publicKey, signatureVersion: version };
    }
  }
  return fail('DEVICE_AUTH_SIGNATURE_INVALID', 'device signature invalid', 'device-signature');
}

function fail(code: ErrorCode, message: string, reason: string): never {
  throw new OpenClawError(code, message, { details: { reason } });
}
