import { createHash } from 'node:crypto';
import { parsePublicKey } from './public-key.js';

/**
 * The pairing verification code of a gateway and a device, as KDE Connect shows one: SHA-256
 * over both raw Ed25519 public keys, sorted so both sides get the same bytes, read as a
 * number and shown as 8 digits `1234-5678`. Someone in the middle holds other keys, so the
 * code the node prints and the one the gateway shows differ.
 *
 * @returns `null` when either key is not an Ed25519 public key.
 *
 * @example
 * pairingCode(gatewayPublicKey, devicePublicKey); // '4821-0937'
 */
export function pairingCode(keyA: string, keyB: string): string | null {
  const a = parsePublicKey(keyA)?.raw;
  const b = parsePublicKey(keyB)?.raw;
  if (!a || !b) return null;
  const [first, second] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
  const digest = createHash('sha256').update(first).update(second).digest();
  const digits = (digest.readBigUInt64BE(0) % 100_000_000n).toString().padStart(8, '0');
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

/** Whether a code someone typed (`12345678`, `1234 5678`, `1234-5678`) is `expected`. */
export function samePairingCode(typed: string, expected: string): boolean {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{8}$/.test(digits) && digits === expected.replace(/-/g, '');
}
