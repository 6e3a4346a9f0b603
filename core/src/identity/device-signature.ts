import { createPrivateKey, sign, verify, type KeyObject } from 'node:crypto';
import type { DeviceIdentity } from './device-identity.js';
import { parsePublicKey } from './public-key.js';

/** 64 bytes in base64url or base64, padded or not. */
const SIGNATURE = /^[A-Za-z0-9+/_-]{86}(==)?$/;

// Signing happens on every (re)connect; parse each identity's PEM once.
const privateKeys = new WeakMap<DeviceIdentity, { pem: string; key: KeyObject }>();

/**
 * Signs `payload` (UTF-8) with pure Ed25519; returns unpadded base64url (86 chars).
 *
 * @example
 * const signature = signDevicePayload(identity, buildDeviceAuthPayload('v3', fields));
 */
export function signDevicePayload(identity: DeviceIdentity, payload: string): string {
  return sign(null, Buffer.from(payload, 'utf8'), privateKeyOf(identity)).toString('base64url');
}

/**
 * Whether `signature` (base64url or base64) is a valid Ed25519 signature of `payload` by
 * `publicKey` (any encoding `normalizePublicKey` accepts). Never throws: anything malformed
 * is simply not a valid signature.
 */
export function verifyDeviceSignature(publicKey: string, payload: string, signature: string): boolean {
  const key = parsePublicKey(publicKey);
  return key !== null && verifyWithKey(key.keyObject, payload, signature);
}

/** `verifyDeviceSignature` with the key already parsed (a `ParsedPublicKey`'s `keyObject`). Never throws. */
export function verifyWithKey(keyObject: KeyObject, payload: string, signature: string): boolean {
  if (typeof signature !== 'string' || typeof payload !== 'string') return false;
  if (!SIGNATURE.test(signature)) return false;
  // Node's base64 decoder reads both alphabets and optional padding.
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64) return false;
  try {
    return verify(null, Buffer.from(payload, 'utf8'), keyObject, bytes);
  } catch {
    return false;
  }
}

/**
 * Notes the key object an identity was made from, so its first signature does not parse the
 * PEM again (~0.5 ms in OpenSSL 3; a process simulating thousands of nodes pays it per node).
 */
export function rememberPrivateKey(identity: DeviceIdentity, key: KeyObject): void {
  privateKeys.set(identity, { pem: identity.privateKeyPem, key });
}

function privateKeyOf(identity: DeviceIdentity): KeyObject {
  const cached = privateKeys.get(identity);
  if (cached !== undefined && cached.pem === identity.privateKeyPem) return cached.key;
  const key = createPrivateKey(identity.privateKeyPem);
  privateKeys.set(identity, { pem: identity.privateKeyPem, key });
  return key;
}
