import { randomUUID } from 'node:crypto';
import { generateDeviceIdentity, signConnectDevice, verifyDeviceProof } from '@openclaw-nodes/core/identity';
import { ConnectParamsSchema } from '@openclaw-nodes/core/protocol';

const CLIENT = { id: 'node-host', mode: 'node', version: 'warm-up', platform: 'linux', deviceFamily: 'Linux' };

/**
 * Runs the pure part of a node's `connect` (parsing its frame, validating its params, checking
 * its device proof) `rounds` times on a made-up device, before the gateway listens. The first
 * validation after start costs 7–13 ms while zod builds its checks, and the next few hundred
 * run interpreted: after a restart that lands on the first nodes of the fleet coming back.
 * Nothing here touches the store, the hub, metrics or the log.
 *
 * @returns how many rounds got through validation and the proof check (all, unless the
 *   protocol changed under the made-up connect, which would leave the warm-up doing less)
 */
export function warmConnectPath(rounds = 200): number {
  const identity = generateDeviceIdentity();
  const token = randomUUID();
  const nonce = randomUUID();
  const device = signConnectDevice(identity, { clientId: CLIENT.id, clientMode: CLIENT.mode, role: 'node', scopes: [], token, nonce, signedAt: Date.now(), platform: CLIENT.platform, deviceFamily: CLIENT.deviceFamily });
  const text = JSON.stringify({ minProtocol: 4, maxProtocol: 4, client: CLIENT, caps: ['system'], commands: ['system.which'], role: 'node', scopes: [], auth: { deviceToken: token }, device });
  let verified = 0;
  for (let i = 0; i < rounds; i++) {
    const parsed = ConnectParamsSchema.safeParse(JSON.parse(text));
    if (!parsed.success || !parsed.data.device) continue;
    const p = parsed.data;
    try {
      verifyDeviceProof({ device: parsed.data.device, client: p.client, role: 'node', scopes: p.scopes ?? [], token, challengeNonce: nonce });
      verified++;
    } catch {
      // Counted out: the test of this module says so.
    }
  }
  return verified;
}
