import { randomUUID } from 'node:crypto';
import { platform } from 'node:os';
import { MEDIA_URL_CLIENT_CAP } from '@openclaw-nodes/core/protocol';
import { connectGateway } from '@openclaw-nodes/core/rpc';
import { readVersion } from '../version.js';
import type { GatewayTarget } from './gateway-target.js';

const FAMILY: Record<string, string> = { linux: 'Linux', darwin: 'Mac', win32: 'Windows' };

/**
 * One short-lived operator connection per call, asking only for the scopes that call needs,
 * as the reference CLI does (PROTOCOL.md section 13.2).
 *
 * @example
 * const list = await callGateway(target, ['operator.read'], 'node.list', {});
 */
export async function callGateway<T>(target: GatewayTarget, scopes: readonly string[], method: string, params: unknown): Promise<T> {
  const os = platform();
  const { peer } = await connectGateway({
    url: target.url,
    role: 'operator',
    scopes,
    // This CLI downloads a media result's gateway url itself (printMedia).
    caps: [MEDIA_URL_CLIENT_CAP],
    client: { id: 'cli', mode: 'cli', version: readVersion(), platform: os === 'darwin' ? 'macos' : os, deviceFamily: FAMILY[os], instanceId: randomUUID() },
    auth: target.token === undefined ? undefined : { token: target.token },
    tlsFingerprint: target.tlsFingerprint,
    localProofDir: target.stateDir,
    challengeTimeoutMs: target.timeoutMs,
    connectTimeoutMs: target.timeoutMs,
    tickWatchdog: false,
  });
  try {
    return await peer.request<T>(method, params, { timeoutMs: target.timeoutMs });
  } finally {
    peer.close(1000);
  }
}
