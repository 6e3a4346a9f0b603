import { join } from 'node:path';
import { isSha256Fingerprint } from '@openclaw-nodes/core/rpc';
import { readRuntimeFile, runtimeFileWriter } from '@openclaw-nodes/core/store';

/** Where a running gateway says where it listens, in its state dir. */
const GATEWAY_RUNTIME_FILE = 'gateway.status.json';

/** Where a running gateway listens (its address as bound, which `--port`/`--bind` may have changed). */
export interface GatewayRuntime {
  /** `ws://` or `wss://` URL a client on this machine uses. */
  url: string;
  /** The address as bound (`0.0.0.0` with bind lan). */
  host: string;
  port: number;
  bind: string;
  tls: boolean;
  /** SHA-256 of the certificate it serves, with TLS. */
  tlsFingerprint?: string;
}

/** Writer for `<stateDir>/gateway.status.json`; `gateway run` reports once listening and removes it on stop. */
export const gatewayRuntimeWriter = (stateDir: string) => runtimeFileWriter<GatewayRuntime>(join(stateDir, GATEWAY_RUNTIME_FILE));

/** The running gateway of `stateDir`, or `undefined` when none runs (no file, or its process is gone). */
export async function readGatewayRuntime(stateDir: string): Promise<GatewayRuntime | undefined> {
  const value = await readRuntimeFile<GatewayRuntime>(join(stateDir, GATEWAY_RUNTIME_FILE));
  if (!value?.running || typeof value.url !== 'string' || typeof value.host !== 'string' || !Number.isInteger(value.port)) return undefined;
  const tlsFingerprint = typeof value.tlsFingerprint === 'string' && isSha256Fingerprint(value.tlsFingerprint) ? { tlsFingerprint: value.tlsFingerprint } : {};
  return { url: value.url, host: value.host, port: value.port!, bind: String(value.bind ?? ''), tls: value.tls === true, ...tlsFingerprint };
}
