import type { Redis } from 'ioredis';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { identityFromPrivateKeyPem, type DeviceIdentity } from '@openclaw-nodes/core/identity';
import type { ClusterKeys } from './cluster-options.js';

/**
 * The cluster's gateway identity: every member signs with one key, so pairing codes match on
 * every member and a node can prove it reached "this cluster" whichever member answers. The
 * first member to join stores its own key (`SET NX`, so two members starting at once still
 * agree); every later one adopts it.
 *
 * Stored in the clear under the cluster's keys: whoever can read them can also write them,
 * and with that approve devices and route calls already, so encrypting the key would need one
 * more secret in every member's config and protect nothing more. The Redis ACL is the boundary.
 *
 * @throws OpenClawError `IDENTITY_INVALID` when the stored key is unreadable.
 */
export async function sharedGatewayIdentity(redis: Redis, keys: ClusterKeys, own: DeviceIdentity): Promise<DeviceIdentity> {
  await redis.set(keys.identity, JSON.stringify({ version: 1, privateKeyPem: own.privateKeyPem, createdAtMs: own.createdAtMs }), 'NX');
  const raw = await redis.get(keys.identity);
  try {
    const stored = JSON.parse(raw ?? 'null') as { privateKeyPem?: unknown; createdAtMs?: unknown };
    const createdAtMs = typeof stored.createdAtMs === 'number' ? stored.createdAtMs : Date.now();
    return identityFromPrivateKeyPem(String(stored.privateKeyPem), createdAtMs);
  } catch (err) {
    throw new OpenClawError('IDENTITY_INVALID', `the cluster's gateway identity in Redis (${keys.identity}) is unusable; delete that key to let the next member store its own`, { cause: err });
  }
}
