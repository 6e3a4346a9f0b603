import { createHash, timingSafeEqual } from 'node:crypto';
import { secretEquals } from '../auth/shared-secret.js';
import type { DeviceToken, PairedDevice } from './pairing-model.js';

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * The stored form of a device token: SHA-256, base64url. Tokens are 32 random bytes, so a
 * fast hash is enough (nothing to brute-force); a slow KDF would only cost every handshake.
 */
export const hashDeviceToken = (token: string): string => sha256(token).toString('base64url');

/** Whether `presented` is the token `issued` records (raw or hashed), in constant time. */
export function tokenMatches(presented: string, issued: DeviceToken | undefined): boolean {
  if (!issued) return false;
  if (issued.token !== undefined) return secretEquals(presented, issued.token);
  if (issued.hash === undefined) return false;
  const expected = Buffer.from(issued.hash, 'base64url');
  return expected.length === 32 && timingSafeEqual(sha256(presented), expected);
}

/** Replaces every raw token of a record by its hash, in place (the record may be held by callers). */
export function hashTokensInPlace(device: PairedDevice): void {
  for (const [role, issued] of Object.entries(device.tokens)) {
    if (issued.token !== undefined) device.tokens[role] = { hash: hashDeviceToken(issued.token), scopes: issued.scopes, createdAtMs: issued.createdAtMs };
  }
}
