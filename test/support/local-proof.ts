import { lstatSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LOCAL_PROOF_FILE, localProofHeaders } from '@openclaw-nodes/core/store';

/** State dirs of the gateways this test process started: their proofs are readable here, as on one machine. */
const gatewayStateDirs = new Set<string>();

/** Lets raw clients of this test process prove locality to the gateway of `stateDir` (`localProofFor`). */
export function trustLocalProofOf(stateDir: string): void {
  gatewayStateDirs.add(stateDir);
}

/** The local-proof header an honest client on the gateway's machine would send to `url`, or `{}`. */
export async function localProofFor(url: string): Promise<Record<string, string>> {
  for (const dir of gatewayStateDirs) {
    const headers = await localProofHeaders(dir, url);
    if (Object.keys(headers).length > 0) return headers;
  }
  return {};
}

/** `shareLocalProof` from the gateway this test process started that listens on `port` (or at a URL with that port). */
export function shareLocalProofOf(port: number | string, clientStateDir: string): void {
  const wanted = typeof port === 'number' ? port : Number(new URL(port).port);
  for (const dir of gatewayStateDirs) {
    const proof = (() => {
      try {
        return JSON.parse(readFileSync(join(dir, LOCAL_PROOF_FILE), 'utf8')) as { port?: unknown };
      } catch {
        return undefined;
      }
    })();
    if (proof?.port === wanted) return shareLocalProof(dir, clientStateDir);
  }
  throw new Error(`no gateway of this test process listens on port ${wanted}`);
}

/**
 * Makes a node host or CLI with its own state dir `clientStateDir` see the proof of the gateway
 * of `gatewayStateDir`, as it would if both shared one state dir (`~/.openclaw`) on one machine;
 * a restarted gateway's new proof shows through too.
 */
export function shareLocalProof(gatewayStateDir: string, clientStateDir: string): void {
  const link = join(clientStateDir, dirname(LOCAL_PROOF_FILE));
  mkdirSync(clientStateDir, { recursive: true });
  // A client started again on the same state dir finds the link in place.
  if (lstatSync(link, { throwIfNoEntry: false })) return;
  symlinkSync(join(gatewayStateDir, dirname(LOCAL_PROOF_FILE)), link);
}
