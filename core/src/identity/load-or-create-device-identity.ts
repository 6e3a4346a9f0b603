import { join, resolve } from 'node:path';
import { OpenClawError } from '../errors/openclaw-error.js';
import { ensurePrivateDir } from '../store/ensure-private-dir.js';
import { readJsonFile } from '../store/read-json-file.js';
import { writeFileExclusive } from '../store/write-file-exclusive.js';
import { generateDeviceIdentity, identityFromPrivateKeyPem, type DeviceIdentity } from './device-identity.js';
import { normalizePublicKey } from './public-key.js';

/** Where the key pair lives inside a state directory (the legacy OpenClaw location). */
export function deviceIdentityPath(stateDir: string): string {
  return join(stateDir, 'identity', 'device.json');
}

/**
 * The gateway's own key pair, apart from the device key a node host or CLI on the same state
 * dir uses: pairing verification codes are derived from it and the device's key.
 */
export function gatewayIdentityPath(stateDir: string): string {
  return join(stateDir, 'identity', 'gateway.json');
}

// Concurrent first calls in one process must share one key, not race to create two.
const loading = new Map<string, Promise<DeviceIdentity>>();

/**
 * The device identity of a state directory: `<stateDir>/identity/device.json` (mode 0600 in a
 * 0700 directory), created on first use and reloaded ever after. Losing it means the device
 * must be paired again, so it is never replaced silently.
 *
 * @throws OpenClawError `IDENTITY_INVALID` when the file is unreadable or its key does not
 * match its ids; the message says how to start over.
 *
 * @example
 * const identity = await loadOrCreateDeviceIdentity(stateDir);
 * const device = signConnectDevice(identity, { ... });
 * const gateway = await loadOrCreateDeviceIdentity(stateDir, gatewayIdentityPath(stateDir));
 */
export function loadOrCreateDeviceIdentity(stateDir: string, file: string = deviceIdentityPath(stateDir)): Promise<DeviceIdentity> {
  const path = resolve(file);
  let pending = loading.get(path);
  if (pending === undefined) {
    pending = loadOrCreate(path).finally(() => loading.delete(path));
    loading.set(path, pending);
  }
  return pending;
}

async function loadOrCreate(path: string): Promise<DeviceIdentity> {
  const existing = await load(path);
  if (existing !== undefined) return existing;
  await ensurePrivateDir(join(path, '..'));
  const identity = generateDeviceIdentity();
  const stored = { version: 1, ...identity };
  if (await writeFileExclusive(path, `${JSON.stringify(stored, null, 2)}\n`)) return identity;
  // Another process created it between our read and write: use theirs.
  const theirs = await load(path);
  if (theirs === undefined) throw invalid(path, 'it disappeared while being created');
  return theirs;
}

async function load(path: string): Promise<DeviceIdentity | undefined> {
  let raw: unknown;
  try {
    raw = await readJsonFile(path);
  } catch (err) {
    throw invalid(path, 'it cannot be read or is not valid JSON', err);
  }
  return raw === undefined ? undefined : fromStored(path, raw);
}

function fromStored(path: string, raw: unknown): DeviceIdentity {
  if (typeof raw !== 'object' || raw === null) throw invalid(path, 'it is not a JSON object');
  const record = raw as Record<string, unknown>;
  if (record.version !== 1) throw invalid(path, `version is ${JSON.stringify(record.version)}, expected 1`);
  if (typeof record.privateKeyPem !== 'string') throw invalid(path, 'privateKeyPem is missing');
  const createdAtMs = typeof record.createdAtMs === 'number' && Number.isFinite(record.createdAtMs) ? record.createdAtMs : undefined;
  if (createdAtMs === undefined) throw invalid(path, 'createdAtMs is missing');
  let identity: DeviceIdentity;
  try {
    identity = identityFromPrivateKeyPem(record.privateKeyPem, createdAtMs);
  } catch (err) {
    throw invalid(path, 'privateKeyPem is not an Ed25519 private key', err);
  }
  if (record.deviceId !== identity.deviceId) throw invalid(path, 'deviceId does not match the key');
  // Files written by older OpenClaw releases carry only the PEM form of the public key.
  if (record.publicKey !== undefined && record.publicKey !== identity.publicKey) throw invalid(path, 'publicKey does not match the key');
  const pem = typeof record.publicKeyPem === 'string' ? normalizePublicKey(record.publicKeyPem) : null;
  if (pem !== identity.publicKey) throw invalid(path, 'publicKeyPem does not match the key');
  return identity;
}

function invalid(path: string, problem: string, cause?: unknown): OpenClawError {
  return new OpenClawError(
    'IDENTITY_INVALID',
    `Device identity ${path} is unusable: ${problem}. Move it aside (for example to ${path}.bak) and start again to create a new identity; the device will then need to be paired again.`,
    { details: { path }, cause },
  );
}
