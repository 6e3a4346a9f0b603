import { parseAdmittedPublicKey, verifyDeviceProof, type DeviceProofInput, type ParsedPublicKey } from '@openclaw-nodes/core/identity';
import type { ConnectParams } from '@openclaw-nodes/core/protocol';
import type { Connection } from '../connection.js';
import type { GatewayContext } from '../gateway-context.js';
import type { PairedDevice } from '../state/pairing-model.js';

// Each paired device's key, parsed once and kept as long as its record: the parse cache holds
// 4,096 keys, and a larger fleet coming back would parse every key again. Only paired records
// key it, so unauthenticated connects cannot grow it. Their keys passed the point check at
// admission, so a restarted gateway does not run it again for each returning device.
const pairedKeys = new WeakMap<PairedDevice, ParsedPublicKey | null>();

/**
 * What a connect's failed authentications count against (AuthLimiter): its address, or
 * `device:<id>` for a connect signed by the key of an already paired device. Every client of a
 * tunnel or proxy arrives from 127.0.0.1, so a token-guessing flood through one would lock out
 * every honest node behind it; a paired node proves it holds its key (the signature covers the
 * gateway's fresh nonce, so it cannot be replayed) and keeps a count of its own, which no one
 * without that key can run up. An unpaired device proves nothing yet and counts by address.
 * `proven` says the device proof was checked and holds (one Ed25519 verify per connect, not two).
 */
export function limiterSubject(ctx: GatewayContext, conn: Connection, p: ConnectParams, role: string): { subject: string; proven: boolean } {
  const device = p.device;
  const record = device ? ctx.store.device(device.id) : undefined;
  if (!device || !record) return { subject: conn.remoteIp, proven: false };
  try {
    verifyDeviceProof({ ...deviceProofInput(conn, { ...p, device }, role), key: pairedKey(record) });
    // `proven`: the connect's device proof holds; the handshake need not verify it again.
    return { subject: `device:${device.id}`, proven: true };
  } catch {
    return { subject: conn.remoteIp, proven: false };
  }
}

/** The `verifyDeviceProof` input of a connect with a device block, against this connection's nonce. */
export function deviceProofInput(conn: Connection, p: ConnectParams & { device: NonNullable<ConnectParams['device']> }, role: string): DeviceProofInput {
  const token = p.auth?.token ?? p.auth?.deviceToken ?? p.auth?.bootstrapToken ?? null;
  return { device: p.device, client: p.client, role, scopes: p.scopes ?? [], token, challengeNonce: conn.nonce };
}

function pairedKey(record: PairedDevice): ParsedPublicKey | undefined {
  let key = pairedKeys.get(record);
  if (key === undefined) pairedKeys.set(record, (key = parseAdmittedPublicKey(record.publicKey)));
  return key ?? undefined;
}
