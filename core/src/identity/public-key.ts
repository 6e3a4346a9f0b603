import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { BoundedCache } from './bounded-cache.js';
import { isUsableEd25519Point } from './ed25519-point.js';

/** DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}={0,1}$/;

export interface ParsedPublicKey {
  /** Unpadded base64url of the raw 32 bytes, the form sent on the wire. */
  readonly publicKey: string;
  readonly raw: Buffer;
  readonly keyObject: KeyObject;
  /** The device id: lowercase hex SHA-256 of `raw`, hashed once per parse rather than per handshake. */
  readonly id: string;
}

// Verification runs on every handshake; parsing (and point validation) happens once per key.
const parsed = new BoundedCache<string, ParsedPublicKey | null>(4096);

/**
 * Parses a public key given as unpadded or padded base64url, standard base64, or an SPKI PEM.
 * Returns `null` unless it is a usable Ed25519 public key. Results are cached by input.
 */
export function parsePublicKey(input: string): ParsedPublicKey | null {
  if (typeof input !== 'string') return null;
  const hit = parsed.get(input);
  if (hit !== undefined) return hit;
  const result = parseUncached(input.trim());
  parsed.set(input, result);
  return result;
}

/**
 * A key from the gateway's own pairing records, parsed like `parsePublicKey` but without the
 * Ed25519 point check (`isUsableEd25519Point`, about 60–120 µs of BigInt arithmetic): the key
 * passed that check when its device was admitted, and the records are the gateway's own
 * (`<stateDir>/gateway/pairing.json`, or the cluster's Redis, which only members write), so
 * whoever could put a key there could as well pair a device. A restarted gateway then pays
 * only the import for each returning device. `null` for a malformed key. Never cached with
 * `parsePublicKey`'s results, which hold checked keys only.
 */
export function parseAdmittedPublicKey(input: string): ParsedPublicKey | null {
  if (typeof input !== 'string') return null;
  const hit = parsed.get(input);
  return hit !== undefined ? hit : parseUncached(input.trim(), false);
}

/**
 * The wire form (unpadded base64url of the raw 32 bytes) of an Ed25519 public key in any
 * accepted encoding, or `null` if it is not one.
 *
 * @example
 * normalizePublicKey('11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo='); // '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo'
 */
export function normalizePublicKey(input: string): string | null {
  return parsePublicKey(input)?.publicKey ?? null;
}

/**
 * The device id of a public key: lowercase hex SHA-256 of its raw 32 bytes.
 *
 * @example
 * deviceIdFromPublicKey('K_nco2uZrg9kACG2HkbHT6uDmuDheRGZCSixseEnwFY'); // 'c7188adb…95bd3c'
 */
export function deviceIdFromPublicKey(publicKey: string): string {
  return parsePublicKey(publicKey)?.id ?? sha256Hex(Buffer.from(publicKey, 'base64url'));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The raw 32 bytes of an Ed25519 public KeyObject. */
export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' }).subarray(SPKI_PREFIX.length);
}

function parseUncached(text: string, checkPoint = true): ParsedPublicKey | null {
  if (text.startsWith('-----BEGIN PUBLIC KEY-----')) return fromPem(text, checkPoint);
  if (!BASE64_KEY.test(text)) return null;
  const canonical = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const raw = Buffer.from(canonical, 'base64url');
  // Non-zero trailing bits would give two spellings (and two cache entries) for one key.
  if (raw.length !== 32 || raw.toString('base64url') !== canonical) return null;
  return fromRaw(raw, checkPoint);
}

function fromPem(pem: string, checkPoint: boolean): ParsedPublicKey | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === 'ed25519' ? fromRaw(rawPublicKey(key), checkPoint) : null;
  } catch {
    return null;
  }
}

function fromRaw(raw: Buffer, checkPoint: boolean): ParsedPublicKey | null {
  if (checkPoint && !isUsableEd25519Point(raw)) return null;
  const publicKey = raw.toString('base64url');
  // A JWK is imported straight from the raw bytes; DER goes through OpenSSL's decoder search,
  // measured ~8x slower, and this runs on the handshake of every device not in the cache.
  const keyObject = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' });
  return { publicKey, raw, keyObject, id: sha256Hex(raw) };
}
