import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadGatewayCertificate, selfSignedCertificatePaths } from './gateway-certificate.js';

const dirs: string[] = [];
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'oc-gw-cert-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadGatewayCertificate', () => {
  it('two gateways starting together on one state dir end up serving one certificate', async () => {
    const dir = stateDir();
    const [a, b] = await Promise.all([loadGatewayCertificate(dir), loadGatewayCertificate(dir)]);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect([a.origin, b.origin].sort()).toEqual(['generated', 'reused']);
    const served = new X509Certificate(a.cert);
    expect(served.fingerprint256).toBe(a.fingerprint);
    expect(served.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(served.checkHost('localhost')).toBe('localhost');
  });

  it('tightens a generated key someone loosened back to 0600', async () => {
    const dir = stateDir();
    await loadGatewayCertificate(dir);
    const { keyPath } = selfSignedCertificatePaths(dir);
    chmodSync(keyPath, 0o644);
    expect((await loadGatewayCertificate(dir)).origin).toBe('reused');
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
  });

  it('refuses a generated pair whose key is not the certificate\'s, saying how to get a new one', async () => {
    const dir = stateDir();
    await loadGatewayCertificate(dir);
    const other = stateDir();
    writeFileSync(selfSignedCertificatePaths(dir).keyPath, (await loadGatewayCertificate(other)).key);
    await expect(loadGatewayCertificate(dir)).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('delete both files') });
  });

  it('refuses a configured certificate file that is missing or not PEM, naming the file', async () => {
    const dir = stateDir();
    const certPath = join(dir, 'cert.pem');
    await expect(loadGatewayCertificate(dir, { certPath, keyPath: join(dir, 'key.pem') })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(`${certPath} does not exist`) });
    writeFileSync(certPath, 'not a certificate');
    writeFileSync(join(dir, 'key.pem'), 'not a key');
    await expect(loadGatewayCertificate(dir, { certPath, keyPath: join(dir, 'key.pem') })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining(certPath) });
  });
});
