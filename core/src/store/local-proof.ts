import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { ensurePrivateDir } from './ensure-private-dir.js';
import { readJsonFile } from './read-json-file.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * The header that carries a gateway's local proof on a WebSocket upgrade or an HTTP request.
 *
 * Why the secret itself in a header rather than an HMAC of the connect challenge: HTTP
 * requests have no challenge to bind an HMAC to, and one carrier serves both. The secret
 * never travels anywhere but into the gateway that wrote it: a client sends it only when it
 * dials a loopback address on the exact address and port recorded next to the secret, a
 * socket only that gateway can hold while it runs; loopback traffic is visible to root
 * alone, who can read the file anyway; and a fresh secret at every start makes one copied
 * from a gateway that has stopped worthless.
 */
export const LOCAL_PROOF_HEADER = 'x-openclaw-local-proof';

/** Where a gateway keeps its proof, relative to its state dir. */
export const LOCAL_PROOF_FILE = join('gateway', 'local-proof.json');

interface LocalProofRecord {
  version: 1;
  pid: number;
  /** The address the gateway bound (`0.0.0.0`, `::` or one address). */
  host: string;
  port: number;
  /** 64 hex digits, fresh at every start. */
  secret: string;
}

/** A fresh proof secret: 32 random bytes as 64 hex digits. */
export const newLocalProofSecret = (): string => randomBytes(32).toString('hex');

/**
 * Writes `secret` (from `newLocalProofSecret`) for a gateway listening on `host:port` into
 * `<stateDir>/gateway/local-proof.json` (0600, in a 0700 directory). Resolves with `remove()`,
 * which deletes the file unless another gateway of the same state dir has replaced it since.
 *
 * @example
 * const secret = newLocalProofSecret();
 * const proof = await publishLocalProof(stateDir, { host: '127.0.0.1', port: 18789, secret });
 * await proof.remove();
 */
export async function publishLocalProof(stateDir: string, listening: { host: string; port: number; secret: string }): Promise<{ remove: () => Promise<void> }> {
  const path = join(stateDir, LOCAL_PROOF_FILE);
  await ensurePrivateDir(dirname(path));
  const record: LocalProofRecord = { version: 1, pid: process.pid, ...listening };
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return {
    remove: async () => {
      const current = await readProof(path);
      if (current?.secret === listening.secret) await rm(path, { force: true });
    },
  };
}

/**
 * The header to send to `url` as a client on the gateway's machine: `{ [LOCAL_PROOF_HEADER]:
 * secret }` when `<stateDir>/gateway/local-proof.json` exists and `url` dials a loopback
 * address on the recorded port that only that gateway can hold (its own bound address, or
 * any loopback address of a wildcard bind); `{}` otherwise, never an error.
 */
export async function localProofHeaders(stateDir: string | undefined, url: string): Promise<Record<string, string>> {
  if (stateDir === undefined) return {};
  const proof = await readProof(join(stateDir, LOCAL_PROOF_FILE));
  if (proof === undefined) return {};
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return {};
  }
  const port = target.port === '' ? (target.protocol === 'wss:' || target.protocol === 'https:' ? 443 : 80) : Number(target.port);
  if (port !== proof.port || !heldByGateway(target.hostname.replace(/^\[|\]$/g, ''), proof.host)) return {};
  return { [LOCAL_PROOF_HEADER]: proof.secret };
}

/**
 * The other gateway that runs on `stateDir`, if any: its proof file names a process that is
 * alive and whose recorded port still accepts connections (so a file left by a killed gateway,
 * or a pid reused by an unrelated process, does not count). A second gateway on one state dir
 * would replace the first one's proof and remove it when it stops, so the first one's local
 * clients would stop counting as local; it must not start.
 *
 * @example
 * const other = await liveGatewayOn(stateDir); // { pid: 4242, port: 18789 } | undefined
 */
export async function liveGatewayOn(stateDir: string): Promise<{ pid: number; port: number } | undefined> {
  const proof = await readProof(join(stateDir, LOCAL_PROOF_FILE));
  if (proof === undefined || !Number.isInteger(proof.pid) || proof.pid === process.pid || !processAlive(proof.pid)) return undefined;
  const host = proof.host === '0.0.0.0' ? '127.0.0.1' : proof.host === '::' ? '::1' : proof.host;
  return (await accepts(host, proof.port)) ? { pid: proof.pid, port: proof.port } : undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a TCP connection to `host:port` opens within a second. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1_000 });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** Whether dialling `address` on the proof's port reaches the socket the gateway bound to `bound`. */
function heldByGateway(address: string, bound: string): boolean {
  const ipv4Loopback = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
  if (bound === '0.0.0.0') return ipv4Loopback;
  if (bound === '::') return ipv4Loopback || address === '::1';
  // A name (`localhost`) may resolve to an address some other process holds the port on.
  return (ipv4Loopback || address === '::1') && address === bound;
}

async function readProof(path: string): Promise<LocalProofRecord | undefined> {
  const value = await readJsonFile<Partial<LocalProofRecord>>(path).catch(() => undefined);
  if (!value || typeof value !== 'object' || value.version !== 1) return undefined;
  if (typeof value.secret !== 'string' || !/^[0-9a-f]{64}$/.test(value.secret)) return undefined;
  if (typeof value.host !== 'string' || !Number.isInteger(value.port)) return undefined;
  return value as LocalProofRecord;
}
