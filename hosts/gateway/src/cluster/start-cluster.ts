import type { Redis } from 'ioredis';
import type { PluginLog } from '@openclaw-nodes/core/plugin';
import { ClusterKeys, type ClusterOptions } from './cluster-options.js';
import { ClusterMembership } from './cluster-membership.js';
import { parseChangeNotice } from './pairing-records-redis.js';
import { clusterUnavailable, openRedis } from './redis-connection.js';
import { RedisPairingStore, type DeviceChangeListener } from './redis-pairing-store.js';

/** What `openclaw status` and `/health` show of a cluster member. */
export interface ClusterStatus {
  name: string;
  member: string;
  /** Other members alive now. */
  peers: string[];
  /** `up` when the pairing mirror matches Redis; `down` while Redis is away or being resynced. */
  redis: 'up' | 'down';
}

/** A running cluster member: the pairing store on Redis, membership, and the connections behind them. */
export interface ClusterMember {
  readonly store: RedisPairingStore;
  readonly membership: ClusterMembership;
  status(): ClusterStatus;
  stop(): Promise<void>;
}

/** How long a gateway waits at start for Redis before refusing to start, ms. */
const START_WAIT_MS = 5_000;
/** Pause between resync attempts while Redis is back but not answering fully, ms. */
const RESYNC_RETRY_MS = 250;

/**
 * Joins the cluster: two Redis connections (commands; change notices, which need one of
 * their own), a full resync of the pairing mirror, then a heartbeat. After any Redis outage
 * the member resyncs by itself once both connections are back.
 * @throws OpenClawError `CLUSTER_UNAVAILABLE` when Redis cannot be reached within 5 s.
 */
export async function startCluster(options: ClusterOptions, memberId: string, onDeviceChange: DeviceChangeListener, log: PluginLog): Promise<ClusterMember> {
  const keys = new ClusterKeys(options.name);
  const [redis, notices] = await Promise.all([openRedis(options.redis, `${options.name}:${memberId}`), openRedis(options.redis, `${options.name}:${memberId}:notices`)]);
  const store = new RedisPairingStore(redis, keys, memberId, onDeviceChange);
  const membership = new ClusterMembership(redis, keys, memberId);
  let stopped = false;
  let resyncing: Promise<void> | undefined;
  const resync = () =>
    (resyncing ??= (async () => {
      while (!stopped && !store.ready) {
        if (redis.status === 'ready' && notices.status === 'ready') {
          try {
            await store.resync();
            log('info', `cluster ${options.name}: pairing state loaded from Redis (${store.devices().length} devices)`);
            break;
          } catch {
            // Retried below while both connections stay up.
          }
        }
        await new Promise((resolve) => setTimeout(resolve, RESYNC_RETRY_MS));
      }
    })().finally(() => (resyncing = undefined)));
  let reported = false;
  const down = (err?: Error) => {
    store.lost();
    if (!reported && !stopped) log('warn', `cluster ${options.name}: Redis unreachable${err ? ` (${err.message})` : ''}; pairing changes and calls to other members fail until it is back`, { code: 'CLUSTER_UNAVAILABLE' });
    reported = true;
  };
  for (const conn of [redis, notices]) {
    conn.on('error', (err: Error) => down(err));
    conn.on('close', () => down());
  }
  redis.on('ready', () => {
    reported = false;
    void resync();
    void membership.beat();
  });
  notices.on('ready', () => {
    // A notice missed while this connection was down is covered by the resync that follows.
    store.lost();
    notices.subscribe(keys.pairingChannel).then(() => resync(), () => down());
  });
  notices.on('message', (_channel: string, message: string) => {
    const notice = parseChangeNotice(message);
    if (notice) store.apply(notice).catch(() => (store.lost(), void resync()));
  });
  await Promise.all([redis.connect(), notices.connect()]).catch(() => undefined);
  const started = await Promise.race([resync().then(() => store.ready), new Promise<false>((resolve) => setTimeout(() => resolve(false), START_WAIT_MS).unref())]);
  if (!started) {
    stopped = true;
    closeAll([redis, notices]);
    throw clusterUnavailable(`joining cluster ${options.name}`);
  }
  membership.start();
  return {
    store,
    membership,
    status: () => ({ name: options.name, member: memberId, peers: membership.peers, redis: store.ready ? 'up' : 'down' }),
    async stop() {
      stopped = true;
      await store.flush();
      await membership.stop();
      closeAll([redis, notices]);
    },
  };
}

function closeAll(conns: Redis[]): void {
  for (const conn of conns) conn.disconnect();
}
