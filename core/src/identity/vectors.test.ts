import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDeviceAuthPayload, type DeviceAuthFields } from './device-auth-payload.js';
import { identityFromPrivateKeyPem } from './device-identity.js';
import { signDevicePayload, verifyDeviceSignature } from './device-signature.js';
import { deviceIdFromPublicKey } from './public-key.js';
import { signConnectDevice } from './sign-connect-device.js';
import { verifyDeviceProof } from './verify-device-proof.js';

interface Captured {
  challenge: { nonce: string; ts: number };
  connect: {
    client: { id: string; mode: string; platform: string; deviceFamily: string };
    role: string;
    scopes: string[];
    auth: { token?: string; deviceToken?: string };
    device: { id: string; publicKey: string; signature: string; signedAt: number; nonce: string };
  };
  expectedPayload?: string;
}

const vectors = JSON.parse(readFileSync(new URL('../../test-fixtures/device-auth-vectors.json', import.meta.url), 'utf8'));
const example = vectors.workedExample;
const captured: Captured[] = vectors.capturedConnects;

const exampleFields: DeviceAuthFields = {
  deviceId: example.deviceId,
  clientId: example.client.id,
  clientMode: example.client.mode,
  role: example.role,
  scopes: example.scopes,
  signedAt: example.signedAt,
  token: example.token,
  nonce: example.nonce,
  platform: example.client.platform,
  deviceFamily: example.client.deviceFamily,
};

describe('the worked example of PROTOCOL.md 3.5', () => {
  // PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
  const pemFromSeed = (seedHex: string) => {
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(seedHex, 'hex')]);
    return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64')}\n-----END PRIVATE KEY-----\n`;
  };
  const identity = identityFromPrivateKeyPem(pemFromSeed(example.seedHex));

  it('derives the public key and device id from the RFC 8032 seed', () => {
    expect(identity.privateKeyPem).toBe(example.privateKeyPem);
    expect(Buffer.from(identity.publicKey, 'base64url').toString('hex')).toBe(example.publicKeyRawHex);
    expect(identity.publicKey).toBe(example.publicKey);
    expect(identity.deviceId).toBe(example.deviceId);
    expect(deviceIdFromPublicKey(example.publicKey)).toBe(example.deviceId);
  });

  it('builds both payload strings exactly', () => {
    expect(buildDeviceAuthPayload('v3', exampleFields)).toBe(example.v3.payload);
    expect(buildDeviceAuthPayload('v2', exampleFields)).toBe(example.v2.payload);
  });

  it('reproduces both signatures byte for byte', () => {
    expect(signDevicePayload(identity, example.v3.payload)).toBe(example.v3.signature);
    expect(signDevicePayload(identity, example.v2.payload)).toBe(example.v2.signature);
    const device = signConnectDevice(identity, {
      clientId: 'node-host',
      clientMode: 'node',
      role: 'node',
      scopes: [],
      token: example.token,
      nonce: example.nonce,
      signedAt: example.signedAt,
      platform: 'linux',
      deviceFamily: 'Linux',
    });
    expect(device).toEqual({ id: example.deviceId, publicKey: example.publicKey, signature: example.v3.signature, signedAt: example.signedAt, nonce: example.nonce });
    expect(signConnectDevice(identity, { ...device, clientId: 'node-host', clientMode: 'node', role: 'node', scopes: [], token: example.token, platform: 'linux', deviceFamily: 'Linux', version: 'v2' }).signature).toBe(example.v2.signature);
  });

  it('verifies as v3, and the v2 signature as v2', () => {
    const input = {
      device: { id: example.deviceId, publicKey: example.publicKey, signature: example.v3.signature, signedAt: example.signedAt, nonce: example.nonce },
      client: example.client,
      role: 'node',
      scopes: [],
      token: example.token,
      challengeNonce: example.nonce,
      now: example.signedAt,
    };
    expect(verifyDeviceProof(input)).toEqual({ publicKey: example.publicKey, signatureVersion: 'v3' });
    expect(verifyDeviceProof({ ...input, device: { ...input.device, signature: example.v2.signature } })).toEqual({
      publicKey: example.publicKey,
      signatureVersion: 'v2',
    });
  });
});

describe('connects captured from the real OpenClaw 2026.9.6', () => {
  it.each(captured.map((c) => [c.connect.device.id.slice(0, 12), c] as const))('device %s verifies as v3', (_, c) => {
    const { client, device, auth } = c.connect;
    const token = auth.token ?? auth.deviceToken;
    const result = verifyDeviceProof({ device, client, role: c.connect.role, scopes: c.connect.scopes, token, challengeNonce: c.challenge.nonce, now: device.signedAt });
    expect(result).toEqual({ publicKey: device.publicKey, signatureVersion: 'v3' });
    expect(deviceIdFromPublicKey(device.publicKey)).toBe(device.id);
  });

  it('signed exactly the payload PROTOCOL.md 3.5 shows for the node host reconnect', () => {
    const c = captured.find((v) => v.challenge.nonce === '2903d590-36e2-4618-98d2-1763aa718266');
    if (c?.expectedPayload === undefined) throw new Error('the reconnect vector is missing from the fixture');
    const { client, device, auth } = c.connect;
    const payload = buildDeviceAuthPayload('v3', {
      deviceId: device.id,
      clientId: client.id,
      clientMode: client.mode,
      role: c.connect.role,
      scopes: c.connect.scopes,
      signedAt: device.signedAt,
      token: auth.deviceToken,
      nonce: device.nonce,
      platform: client.platform,
      deviceFamily: client.deviceFamily,
    });
    expect(payload).toBe(c.expectedPayload);
    expect(verifyDeviceSignature(device.publicKey, payload, device.signature)).toBe(true);
    expect(verifyDeviceSignature(device.publicKey, payload.replace('|linux|linux', '|linux|mac'), device.signature)).toBe(false);
  });
});
