import { randomUUID } from 'node:crypto';
import { platform } from 'node:os';
// The constants alone: the protocol entry brings every zod schema, which a client that only connects never uses.
import { MEDIA_URL_CLIENT_CAP } from '@openclaw-nodes/core/protocol-constants';
import { connectGateway, type ConnectGatewayOptions } from '@openclaw-nodes/core/rpc';
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
  const peer = await openGateway(target, scopes);
  try {
    return await peer.request<T>(method, params, { timeoutMs: target.timeoutMs });
  } finally {
    peer.close(1000);
  }
}

/**
 * An operator connection for several calls that belong together (an approval asked for, then
 * the command it approves: the gateway ties them to one connection). The caller closes it.
 */
export async function openGateway(target: GatewayTarget, scopes: readonly string[]) {
  // This CLI downloads a media result's gateway url itself (printMedia).
  const { peer } = await connectGateway({ ...operatorConnectOptions(target, scopes, [MEDIA_URL_CLIENT_CAP]), tickWatchdog: false });
  return peer;
}

/** The `connect` of an operator CLI connection to `target` asking for `scopes`, with `caps`. */
export function operatorConnectOptions(target: GatewayTarget, scopes: readonly string[], caps: string[]): ConnectGatewayOptions {
  const os = platform();
  return {
    url: target.url,
    role: 'operator',
    scopes,
    caps,
    client: { id: 'cli', mode: 'cli', version: readVersion(), platform: os === 'darwin' ? 'macos' : os, deviceFamily: FAMILY[os], instanceId: randomUUID() },
    auth: target.token === undefined ? undefined : { token: target.token },
    tlsFingerprint: target.tlsFingerprint,
    localProofDir: target.stateDir,
    challengeTimeoutMs: target.timeoutMs,
    connectTimeoutMs: target.timeoutMs,
  };
}
