import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { OpenClawError } from '../errors/openclaw-error.js';
import { rememberPrivateKey } from './device-signature.js';
import { rawPublicKey, sha256Hex } from './public-key.js';

/** A device's Ed25519 key pair and the names derived from it (PROTOCOL.md section 3). */
export interface DeviceIdentity {
  /** Lowercase hex SHA-256 of the raw public key; also the routed node id. */
  readonly deviceId: string;
  /** Unpadded base64url of the raw 32-byte public key, as sent in `device.publicKey`. */
  readonly publicKey: string;
  readonly publicKeyPem: string;
  readonly privateKeyPem: string;
  readonly createdAtMs: number;
}

/**
 * A new random device identity (not stored; see `loadOrCreateDeviceIdentity`).
 *
 * @example
 * const identity = generateDeviceIdentity();
 * identity.deviceId; // 64 hex chars
 */
export function generateDeviceIdentity(): DeviceIdentity {
  const { privateKey } = generateKeyPairSync('ed25519');
  return identityFromKey(privateKey, Date.now());
}

/**
 * The identity of an existing Ed25519 private key (PKCS#8 PEM).
 *
 * @throws OpenClawError `IDENTITY_INVALID` if the PEM is not an Ed25519 private key.
 *
 * @example
 * const identity = identityFromPrivateKeyPem(readFileSync('device.pem', 'utf8'));
 */
export function identityFromPrivateKeyPem(pem: string, createdAtMs: number = Date.now()): DeviceIdentity {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new OpenClawError('IDENTITY_INVALID', 'The device private key is not a readable PEM private key.', { cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new OpenClawError('IDENTITY_INVALID', `The device private key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519.`);
  }
  return identityFromKey(key, createdAtMs);
}

function identityFromKey(privateKey: KeyObject, createdAtMs: number): DeviceIdentity {
  const publicKey = createPublicKey(privateKey);
  const raw = rawPublicKey(publicKey);
  const identity: DeviceIdentity = {
    deviceId: sha256Hex(raw),
    publicKey: raw.toString('base64url'),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    createdAtMs,
  };
  rememberPrivateKey(identity, privateKey);
  return identity;
}
