import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_PROOF_FILE, LOCAL_PROOF_HEADER, localProofHeaders, newLocalProofSecret, publishLocalProof } from './local-proof.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});
const stateDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'oc-proof-'));
  dirs.push(dir);
  return dir;
};

describe('local proof', () => {
  it('is sent only to the address and port the gateway holds, never to a name or another loopback address', async () => {
    const dir = stateDir();
    const secret = newLocalProofSecret();
    await publishLocalProof(dir, { host: '127.0.0.1', port: 18789, secret });
    expect(statSync(join(dir, LOCAL_PROOF_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'gateway')).mode & 0o777).toBe(0o700);
    const proof = { [LOCAL_PROOF_HEADER]: secret };
    expect(await localProofHeaders(dir, 'ws://127.0.0.1:18789')).toEqual(proof);
    expect(await localProofHeaders(dir, 'http://127.0.0.1:18789/v1/media/x')).toEqual(proof);
    for (const url of ['ws://127.0.0.1:18790', 'ws://127.0.0.2:18789', 'ws://localhost:18789', 'ws://[::1]:18789', 'ws://gw.example:18789', 'not a url']) {
      expect({ url, headers: await localProofHeaders(dir, url) }).toEqual({ url, headers: {} });
    }
    expect(await localProofHeaders(undefined, 'ws://127.0.0.1:18789')).toEqual({});
  });

  it('covers every loopback address of a wildcard bind, and IPv6 loopback only for a dual-stack one', async () => {
    const v4 = stateDir();
    await publishLocalProof(v4, { host: '0.0.0.0', port: 18789, secret: newLocalProofSecret() });
    expect(Object.keys(await localProofHeaders(v4, 'ws://127.0.0.2:18789'))).toEqual([LOCAL_PROOF_HEADER]);
    expect(await localProofHeaders(v4, 'ws://[::1]:18789')).toEqual({});
    const dual = stateDir();
    await publishLocalProof(dual, { host: '::', port: 18789, secret: newLocalProofSecret() });
    expect(Object.keys(await localProofHeaders(dual, 'wss://[::1]:18789'))).toEqual([LOCAL_PROOF_HEADER]);
  });

  it('is removed by its own gateway only, and a file that is not a proof gives nothing', async () => {
    const dir = stateDir();
    const first = await publishLocalProof(dir, { host: '127.0.0.1', port: 1, secret: newLocalProofSecret() });
    const secondSecret = newLocalProofSecret();
    const second = await publishLocalProof(dir, { host: '127.0.0.1', port: 2, secret: secondSecret });
    await first.remove();
    expect(await localProofHeaders(dir, 'ws://127.0.0.1:2')).toEqual({ [LOCAL_PROOF_HEADER]: secondSecret });
    await second.remove();
    expect(await localProofHeaders(dir, 'ws://127.0.0.1:2')).toEqual({});
    for (const bad of ['{"half":', JSON.stringify({ version: 1, host: '127.0.0.1', port: 2, secret: 'short' }), JSON.stringify({ version: 2, host: '127.0.0.1', port: 2, secret: 'a'.repeat(64) })]) {
      writeFileSync(join(dir, LOCAL_PROOF_FILE), bad);
      expect(await localProofHeaders(dir, 'ws://127.0.0.1:2')).toEqual({});
    }
  });
});
