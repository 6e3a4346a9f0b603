import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenClawError } from '../errors/openclaw-error.js';
import { generateDeviceIdentity } from './device-identity.js';
import { signDevicePayload, verifyDeviceSignature } from './device-signature.js';
import { deviceIdentityPath, loadOrCreateDeviceIdentity } from './load-or-create-device-identity.js';
import { modeOf, rejection } from '../../../test/support/assertions.js';

let root: string;
let stateDir: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'identity-test-'));
  stateDir = join(root, 'state');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('loadOrCreateDeviceIdentity', () => {
  it('creates identity/device.json, mode 0600 in a 0700 directory', async () => {
    const identity = await loadOrCreateDeviceIdentity(stateDir);
    const path = deviceIdentityPath(stateDir);
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(join(stateDir, 'identity'))).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, ...identity });
    expect(identity.deviceId).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyDeviceSignature(identity.publicKey, 'x', signDevicePayload(identity, 'x'))).toBe(true);
  });

  it('returns the same identity on every later load', async () => {
    const first = await loadOrCreateDeviceIdentity(stateDir);
    const again = await loadOrCreateDeviceIdentity(stateDir);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });

  it('creates one key pair when many first calls race', async () => {
    const all = await Promise.all(Array.from({ length: 20 }, () => loadOrCreateDeviceIdentity(stateDir)));
    expect(new Set(all.map((i) => i.deviceId)).size).toBe(1);
    expect((await loadOrCreateDeviceIdentity(stateDir)).deviceId).toBe(all[0].deviceId);
  });

  it('loads a file without the publicKey field, as older OpenClaw releases wrote it', async () => {
    const { publicKey, ...legacy } = generateDeviceIdentity();
    const path = deviceIdentityPath(stateDir);
    await loadOrCreateDeviceIdentity(stateDir);
    await writeFile(path, JSON.stringify({ version: 1, ...legacy }));
    expect((await loadOrCreateDeviceIdentity(stateDir)).publicKey).toBe(publicKey);
  });

  const tamperings: Array<[string, (stored: Record<string, unknown>) => unknown]> = [
    ['a deviceId that is not its key', (s) => ({ ...s, deviceId: 'a'.repeat(64) })],
    ['the public key of another device', (s) => ({ ...s, publicKey: generateDeviceIdentity().publicKey })],
    ['the public PEM of another device', (s) => ({ ...s, publicKeyPem: generateDeviceIdentity().publicKeyPem })],
    ['a private key of another device', (s) => ({ ...s, privateKeyPem: generateDeviceIdentity().privateKeyPem })],
    ['a damaged private key', (s) => ({ ...s, privateKeyPem: String(s.privateKeyPem).replace('MC4C', 'MC5C') })],
    ['an unknown version', (s) => ({ ...s, version: 2 })],
    ['an array', () => []],
  ];

  it.each(tamperings)('refuses %s with IDENTITY_INVALID and keeps the file', async (_, tamper) => {
    await loadOrCreateDeviceIdentity(stateDir);
    const path = deviceIdentityPath(stateDir);
    const content = JSON.stringify(tamper(JSON.parse(await readFile(path, 'utf8'))));
    await writeFile(path, content);
    const err = await rejection(loadOrCreateDeviceIdentity(stateDir));
    expect(err.code).toBe('IDENTITY_INVALID');
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/move it aside/i);
    expect(await readFile(path, 'utf8')).toBe(content);
  });

  it('refuses a file that is not JSON', async () => {
    await loadOrCreateDeviceIdentity(stateDir);
    await writeFile(deviceIdentityPath(stateDir), '{"version":1,');
    const err = await rejection(loadOrCreateDeviceIdentity(stateDir));
    expect(err.code).toBe('IDENTITY_INVALID');
    expect(err.cause).toBeInstanceOf(OpenClawError);
  });
});
