import type { GatewayOptions } from '@openclaw-nodes/gateway';
import { startTestGateway } from './in-process-gateway.js';

export type ClusterMemberGateway = Awaited<ReturnType<typeof startTestGateway>>;

/**
 * `count` gateways in this process joined to one cluster on the Redis at `redisUrl`, each on
 * its own free port and state dir. Start them after the Redis; stop them with `stopAll`.
 */
export async function startClusterMembers(count: number, redisUrl: string, name = 'test', overrides: Partial<GatewayOptions> = {}): Promise<ClusterMemberGateway[]> {
  const members: ClusterMemberGateway[] = [];
  for (let i = 0; i < count; i++) members.push(await startTestGateway({ ...overrides, cluster: { name, redis: { url: redisUrl } } }));
  return members;
}

/** Stops every member, whatever state each is in. */
export async function stopAll(members: ClusterMemberGateway[]): Promise<void> {
  await Promise.all(members.map((m) => m.stop().catch(() => undefined)));
}
