import { describe, expect, it } from 'vitest';
import { OpenClawError } from '../errors/openclaw-error.js';
import { generateDeviceIdentity } from './device-identity.js';
import { parsePublicKey, sha256Hex } from './public-key.js';
import { signConnectDevice } from './sign-connect-device.js';
import { verifyDeviceProof, type DeviceProofInput } from './verify-device-proof.js';

const identity = generateDeviceIdentity();
const other = generateDeviceIdentity();
const NOW = 1_795_509_049_058;
const NONCE = 'ce829b40-de85-4e06-9d1b-228713bf7c00';

/** A valid node connect proof, signed over the overridden fields. */
function makeProof(overrides: Partial<DeviceProofInput> = {}, signedAt = NOW, version: 'v3' | 'v2' = 'v3'): DeviceProofInput {
  const base = {
    client: { id: 'node-host', mode: 'node', platform: 'linux', deviceFamily: 'Linux' },
    role: 'node',
    scopes: [] as string[],
    token: 'shared-secret',
    challengeNonce: NONCE,
    now: NOW,
    ...overrides,
  };
  const device = signConnectDevice(identity, {
    clientId: base.client.id,
    clientMode: base.client.mode,
    role: base.role,
    scopes: base.scopes,
    token: base.token,
    nonce: NONCE,
    signedAt,
    platform: base.client.platform,
    deviceFamily: base.client.deviceFamily,
    version,
  });
  return { ...base, device: overrides.device ?? device };
}

function failure(input: DeviceProofInput) {
  try {
    verifyDeviceProof(input);
  } catch (err) {
    if (!(err instanceof OpenClawError)) throw err;
    return { code: err.code, message: err.message, details: err.details, wire: err.toWire() };
  }
  throw new Error('the proof was accepted');
}

describe('verifyDeviceProof', () => {
  it('accepts a fresh v3 proof and a v2 proof, and tells them apart', () => {
    expect(verifyDeviceProof(makeProof())).toEqual({ publicKey: identity.publicKey, signatureVersion: 'v3' });
    expect(verifyDeviceProof(makeProof({}, NOW, 'v2')).signatureVersion).toBe('v2');
  });

  it('accepts the public key as PEM or padded standard base64 and reports the wire form', () => {
    const proof = makeProof();
    const pem = { ...proof, device: { ...proof.device, publicKey: identity.publicKeyPem } };
    const padded = Buffer.from(identity.publicKey, 'base64url').toString('base64');
    const std = { ...proof, device: { ...proof.device, publicKey: padded } };
    expect(verifyDeviceProof(pem).publicKey).toBe(identity.publicKey);
    expect(verifyDeviceProof(std).publicKey).toBe(identity.publicKey);
  });

  it('accepts up to two minutes of clock skew either way', () => {
    expect(() => verifyDeviceProof(makeProof({}, NOW - 120_000))).not.toThrow();
    expect(() => verifyDeviceProof(makeProof({}, NOW + 120_000))).not.toThrow();
  });

  const cases: Array<[string, () => DeviceProofInput, string, string, string]> = [
    ['a tampered signature', () => { const p = makeProof(); return { ...p, device: { ...p.device, signature: `${p.device.signature.startsWith('A') ? 'B' : 'A'}${p.device.signature.slice(1)}` } }; }, 'DEVICE_AUTH_SIGNATURE_INVALID', 'device signature invalid', 'device-signature'],
    ['a signature over other scopes', () => ({ ...makeProof(), scopes: ['operator.admin'] }), 'DEVICE_AUTH_SIGNATURE_INVALID', 'device signature invalid', 'device-signature'],
    ['a signature over another token', () => ({ ...makeProof(), token: 'other-token' }), 'DEVICE_AUTH_SIGNATURE_INVALID', 'device signature invalid', 'device-signature'],
    ['a signature by another key', () => { const p = makeProof(); return { ...p, device: { ...p.device, signature: signConnectDevice(other, { clientId: 'node-host', clientMode: 'node', role: 'node', scopes: [], token: 'shared-secret', nonce: NONCE, signedAt: NOW, platform: 'linux', deviceFamily: 'Linux' }).signature } }; }, 'DEVICE_AUTH_SIGNATURE_INVALID', 'device signature invalid', 'device-signature'],
    ['garbage as signature', () => { const p = makeProof(); return { ...p, device: { ...p.device, signature: '%%%' } }; }, 'DEVICE_AUTH_SIGNATURE_INVALID', 'device signature invalid', 'device-signature'],
    ['signedAt 2 min 1 ms in the past', () => makeProof({}, NOW - 120_001), 'DEVICE_AUTH_SIGNATURE_EXPIRED', 'device signature expired', 'device-signature-stale'],
    ['signedAt 2 min 1 ms in the future', () => makeProof({}, NOW + 120_001), 'DEVICE_AUTH_SIGNATURE_EXPIRED', 'device signature expired', 'device-signature-stale'],
    ['a missing nonce', () => { const p = makeProof(); return { ...p, device: { ...p.device, nonce: undefined } }; }, 'DEVICE_AUTH_NONCE_REQUIRED', 'device nonce required', 'device-nonce-missing'],
    ['a blank nonce', () => { const p = makeProof(); return { ...p, device: { ...p.device, nonce: '  ' } }; }, 'DEVICE_AUTH_NONCE_REQUIRED', 'device nonce required', 'device-nonce-missing'],
    ['another nonce', () => ({ ...makeProof(), challengeNonce: 'a-different-challenge' }), 'DEVICE_AUTH_NONCE_MISMATCH', 'device nonce mismatch', 'device-nonce-mismatch'],
    ['an id that is not the hash of the key', () => { const p = makeProof(); return { ...p, device: { ...p.device, id: '0'.repeat(64) } }; }, 'DEVICE_AUTH_DEVICE_ID_MISMATCH', 'device identity mismatch', 'device-id-mismatch'],
    ['the key of another device', () => { const p = makeProof(); return { ...p, device: { ...p.device, publicKey: other.publicKey } }; }, 'DEVICE_AUTH_DEVICE_ID_MISMATCH', 'device identity mismatch', 'device-id-mismatch'],
    ['a 31-byte key with a matching id', () => { const raw = Buffer.alloc(31, 7); const p = makeProof(); return { ...p, device: { ...p.device, publicKey: raw.toString('base64url'), id: sha256Hex(raw) } }; }, 'DEVICE_AUTH_PUBLIC_KEY_INVALID', 'device public key invalid', 'device-public-key'],
    ['the all-zero (small-order) key with a matching id', () => { const raw = Buffer.alloc(32); const p = makeProof(); return { ...p, device: { ...p.device, publicKey: raw.toString('base64url'), id: sha256Hex(raw) } }; }, 'DEVICE_AUTH_PUBLIC_KEY_INVALID', 'device public key invalid', 'device-public-key'],
  ];

  it.each(cases)('rejects %s', (_, make, code, message, reason) => {
    const got = failure(make());
    expect(got).toMatchObject({ code, message, details: { reason } });
    expect(got.wire).toEqual({ code: 'INVALID_REQUEST', message, details: { code, reason } });
  });

  it('reports the first failing check in the protocol order', () => {
    const p = makeProof({ challengeNonce: 'wrong' }, NOW - 600_000);
    // Wrong id, stale and wrong nonce at once: the id check runs first.
    expect(failure({ ...p, device: { ...p.device, id: 'f'.repeat(64) } }).code).toBe('DEVICE_AUTH_DEVICE_ID_MISMATCH');
    expect(failure(p).code).toBe('DEVICE_AUTH_SIGNATURE_EXPIRED');
    expect(failure({ ...p, now: NOW - 600_000 }).code).toBe('DEVICE_AUTH_NONCE_MISMATCH');
    const noNonce = { ...p, now: NOW - 600_000, device: { ...p.device, nonce: '' } };
    expect(failure(noNonce).code).toBe('DEVICE_AUTH_NONCE_REQUIRED');
  });

  it('honours a custom skew window', () => {
    expect(failure(makeProof({ maxSkewMs: 1_000 }, NOW - 1_001)).code).toBe('DEVICE_AUTH_SIGNATURE_EXPIRED');
  });
});

describe('verifyDeviceProof with a key parsed beforehand', () => {
  it('uses a key parsed from the very string sent', () => {
    const proof = makeProof();
    const key = parsePublicKey(proof.device.publicKey) ?? undefined;
    expect(key?.id).toBe(proof.device.id);
    expect(verifyDeviceProof({ ...proof, key }).publicKey).toBe(proof.device.publicKey);
  });

  it('ignores a key of another device, so a stale or wrong record cannot vouch for a signature', () => {
    const proof = makeProof();
    const otherKey = parsePublicKey(other.publicKey) ?? undefined;
    expect(verifyDeviceProof({ ...proof, key: otherKey }).publicKey).toBe(proof.device.publicKey);
    // The other device's key with this device's claimed id and signature still fails as a mismatch.
    const forged = { ...proof, device: { ...proof.device, publicKey: other.publicKey }, key: otherKey };
    expect(failure(forged).code).toBe('DEVICE_AUTH_DEVICE_ID_MISMATCH');
  });
});
