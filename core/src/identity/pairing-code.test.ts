import { describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from './device-identity.js';
import { pairingCode, samePairingCode } from './pairing-code.js';

const gateway = generateDeviceIdentity().publicKey;
const device = generateDeviceIdentity().publicKey;
const other = generateDeviceIdentity().publicKey;

describe('pairingCode', () => {
  it('is the same 8 digits whichever side computes it, and another key gives another code', () => {
    const code = pairingCode(gateway, device);
    expect(code).toMatch(/^\d{4}-\d{4}$/);
    expect(pairingCode(device, gateway)).toBe(code);
    expect(pairingCode(gateway, other)).not.toBe(code);
  });

  it('is null for something that is not an Ed25519 key', () => {
    expect(pairingCode(gateway, 'not-a-key')).toBeNull();
  });

  it('accepts the code typed with or without the dash or a space, and nothing else', () => {
    expect(samePairingCode('1234-5678', '1234-5678')).toBe(true);
    expect(samePairingCode('12345678', '1234-5678')).toBe(true);
    expect(samePairingCode(' 1234 5678 ', '1234-5678')).toBe(true);
    expect(samePairingCode('1234-5679', '1234-5678')).toBe(false);
    expect(samePairingCode('', '1234-5678')).toBe(false);
  });
});
