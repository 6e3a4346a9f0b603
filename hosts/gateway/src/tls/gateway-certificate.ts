import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { PRIVATE_FILE_MODE, readBoundedFile, writeFileExclusive } from '@openclaw-nodes/core/store';

/** Certificates and keys are a few KiB; a bigger file is not one. */
const MAX_PEM_BYTES = 64 * 1024;
/** A pinned certificate is trusted by fingerprint, not by date: it lives until someone replaces it. */
const SELF_SIGNED_YEARS = 10;

/** What the gateway serves over TLS, and where it came from. */
export interface GatewayCertificate {
  cert: Buffer;
  key: Buffer;
  /** SHA-256 of the certificate, upper-case hex pairs joined by `:` (what `--tls-fingerprint` takes). */
  fingerprint: string;
  certPath: string;
  keyPath: string;
  /** `configured` (gateway.tls.certPath/keyPath), `generated` now, or `reused` from an earlier start. */
  origin: 'configured' | 'generated' | 'reused';
}

/** Where a gateway keeps the certificate it generated for itself: `<stateDir>/tls/gateway-{cert,key}.pem`. */
export function selfSignedCertificatePaths(stateDir: string): { certPath: string; keyPath: string } {
  return { certPath: join(stateDir, 'tls', 'gateway-cert.pem'), keyPath: join(stateDir, 'tls', 'gateway-key.pem') };
}

/**
 * The certificate and key the gateway serves `wss://` and `https://` with: the configured
 * pair when given, else a self-signed one (EC P-256, SHA-256, names `localhost`, 127.0.0.1,
 * ::1 and this host's name) generated once into `<stateDir>/tls/`, key mode 0600, and reused
 * on every later start so pinned fingerprints stay valid.
 *
 * @throws OpenClawError `CONFIG_INVALID` when a configured file is missing, unreadable, not PEM,
 *   or the key does not belong to the certificate; `STORE_CORRUPT` for the same problems with
 *   the generated pair (delete both files to get a new one); `STORE_WRITE_FAILED`.
 */
export async function loadGatewayCertificate(stateDir: string, configured?: { certPath?: string; keyPath?: string }): Promise<GatewayCertificate> {
  if (configured?.certPath && configured.keyPath) return { ...readPair(configured.certPath, configured.keyPath, 'CONFIG_INVALID'), origin: 'configured' };
  const paths = selfSignedCertificatePaths(stateDir);
  let origin: GatewayCertificate['origin'] = 'reused';
  if ('missing' in readBoundedFile(paths.certPath, MAX_PEM_BYTES)) {
    origin = await generateInto(paths.certPath, paths.keyPath);
  }
  // A key copied in by hand (or by an old umask) is tightened: it is the gateway's identity.
  await chmod(paths.keyPath, PRIVATE_FILE_MODE).catch(() => undefined);
  return { ...readPair(paths.certPath, paths.keyPath, 'STORE_CORRUPT'), origin };
}

/**
 * Key first, then certificate, each created exclusively: two gateways starting together on
 * one state dir agree on the first key written and certify that one.
 */
async function generateInto(certPath: string, keyPath: string): Promise<'generated' | 'reused'> {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const fresh = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const key = (await writeFileExclusive(keyPath, fresh)) ? fresh : readText(keyPath, 'STORE_CORRUPT');
  const publicKey = createPublicKey(createPrivateKey(key)).export({ type: 'spki', format: 'pem' }) as string;
  const { generate } = await import('selfsigned');
  const name = hostname();
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + SELF_SIGNED_YEARS * 365 * 86_400_000);
  const { cert } = await generate([{ name: 'commonName', value: `openclaw gateway ${name}`.slice(0, 64) }], {
    keyType: 'ec',
    keyPair: { privateKey: key, publicKey },
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 2, value: name }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return (await writeFileExclusive(certPath, cert)) ? 'generated' : 'reused';
}

function readPair(certPath: string, keyPath: string, code: 'CONFIG_INVALID' | 'STORE_CORRUPT'): Omit<GatewayCertificate, 'origin'> {
  const certText = readText(certPath, code);
  const keyText = readText(keyPath, code);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certText);
    if (!x509.checkPrivateKey(createPrivateKey(keyText))) throw new Error(`the key in ${keyPath} does not belong to the certificate`);
  } catch (err) {
    const fix = code === 'STORE_CORRUPT' ? '; delete both files and restart the gateway to generate a new pair (nodes must then pin the new fingerprint)' : '';
    throw new OpenClawError(code, `unusable TLS certificate ${certPath} / key ${keyPath}: ${(err as Error).message}${fix}`, { details: { certPath, keyPath }, cause: err });
  }
  return { cert: Buffer.from(certText), key: Buffer.from(keyText), fingerprint: x509.fingerprint256, certPath, keyPath };
}

function readText(path: string, code: 'CONFIG_INVALID' | 'STORE_CORRUPT'): string {
  const read = readBoundedFile(path, MAX_PEM_BYTES);
  if ('bytes' in read) return read.bytes.toString('utf8');
  const why = 'missing' in read ? `${path} does not exist` : read.problem;
  throw new OpenClawError(code, `cannot read the gateway's TLS material: ${why}`, { details: { path } });
}
