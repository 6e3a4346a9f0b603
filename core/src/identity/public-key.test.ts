import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from './device-identity.js';
import { signDevicePayload, verifyDeviceSignature } from './device-signature.js';
import { deviceIdFromPublicKey, normalizePublicKey, parseAdmittedPublicKey, parsePublicKey } from './public-key.js';

// The RFC 8032 TEST 1 key: its base64url has both '_' and no padding, so each spelling differs.
const WIRE = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';
const RAW = Buffer.from(WIRE, 'base64url');

describe('normalizePublicKey', () => {
  it('turns every accepted spelling into unpadded base64url', () => {
    expect(normalizePublicKey(WIRE)).toBe(WIRE);
    expect(normalizePublicKey(`${WIRE}=`)).toBe(WIRE);
    expect(normalizePublicKey(RAW.toString('base64'))).toBe(WIRE);
    expect(RAW.toString('base64')).toContain('/');
    const identity = generateDeviceIdentity();
    expect(normalizePublicKey(identity.publicKeyPem)).toBe(identity.publicKey);
  });

  it.each([
    ['empty', ''],
    ['31 bytes', Buffer.alloc(31, 1).toString('base64url')],
    ['33 bytes', Buffer.alloc(33, 1).toString('base64url')],
    ['bad characters', `${WIRE.slice(0, 42)}!`],
    ['non-canonical trailing bits', `${WIRE.slice(0, 42)}p`],
    ['a y coordinate not below p', Buffer.alloc(32, 0xff).toString('base64url')],
    ['a point that is not on the curve', Buffer.from('02'.padEnd(64, '0'), 'hex').toString('base64url')],
    ['the identity point', Buffer.from('01'.padEnd(64, '0'), 'hex').toString('base64url')],
    ['the all-zero key (order 4)', Buffer.alloc(32).toString('base64url')],
    ['the point of order 2', Buffer.from(`ec${'ff'.repeat(30)}7f`, 'hex').toString('base64url')],
    ['a point of order 8', Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', 'hex').toString('base64url')],
    ['another point of order 8', Buffer.from('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85', 'hex').toString('base64url')],
    ['a P-256 public key PEM', generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['a truncated PEM', '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n'],
    ['a private key PEM', generateDeviceIdentity().privateKeyPem],
  ])('rejects %s', (_, input) => {
    expect(normalizePublicKey(input)).toBeNull();
  });
});

describe('parseAdmittedPublicKey', () => {
  it('parses a paired record\'s key as parsePublicKey does', () => {
    const admitted = parseAdmittedPublicKey(`${WIRE}=`);
    const checked = parsePublicKey(WIRE);
    expect(admitted).toMatchObject({ publicKey: WIRE, id: checked?.id });
    expect(admitted?.raw.equals(RAW)).toBe(true);
    expect(parseAdmittedPublicKey(`${WIRE.slice(0, 42)}!`)).toBeNull();
    expect(parseAdmittedPublicKey(Buffer.alloc(31, 1).toString('base64url'))).toBeNull();
  });

  it('leaves no unchecked key behind for a connect to use', () => {
    // A point of order 8 (the negation of one above), not parsed before in this file.
    const smallOrder = Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa', 'hex').toString('base64url');
    // Without the point check it imports; a device presenting it must still be refused.
    expect(parseAdmittedPublicKey(smallOrder)).not.toBeNull();
    expect(parsePublicKey(smallOrder)).toBeNull();
  });
});

describe('deviceIdFromPublicKey', () => {
  it('is the hex SHA-256 of the raw key, whatever the spelling', () => {
    const id = 'c7188adbef6e6627a7cd4800080355313f70ed3a9a6f18fd33604286f295bd3c';
    const key = 'K_nco2uZrg9kACG2HkbHT6uDmuDheRGZCSixseEnwFY';
    expect(deviceIdFromPublicKey(key)).toBe(id);
    expect(deviceIdFromPublicKey(Buffer.from(key, 'base64url').toString('base64'))).toBe(id);
  });
});

describe('verifyDeviceSignature', () => {
  const identity = generateDeviceIdentity();
  const signature = signDevicePayload(identity, 'hello');

  it('accepts the signer and rejects any change', () => {
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyDeviceSignature(identity.publicKey, 'hello', signature)).toBe(true);
    expect(verifyDeviceSignature(identity.publicKey, 'hellO', signature)).toBe(false);
    expect(verifyDeviceSignature(generateDeviceIdentity().publicKey, 'hello', signature)).toBe(false);
  });

  it('returns false on garbage instead of throwing', () => {
    const junk: unknown[] = [undefined, null, 42, {}, '', 'x'.repeat(86), `${signature}AA`];
    for (const value of junk) {
      expect(verifyDeviceSignature(identity.publicKey, 'hello', value as string)).toBe(false);
      expect(verifyDeviceSignature(value as string, 'hello', signature)).toBe(false);
    }
    expect(verifyDeviceSignature(identity.publicKey, undefined as unknown as string, signature)).toBe(false);
  });

  it('signs repeatedly with one identity without re-reading its key wrongly', () => {
    const a = generateDeviceIdentity();
    const b = { ...a, ...generateDeviceIdentity() };
    expect(verifyDeviceSignature(a.publicKey, 'm', signDevicePayload(a, 'm'))).toBe(true);
    expect(verifyDeviceSignature(b.publicKey, 'm', signDevicePayload(b, 'm'))).toBe(true);
  });
});
