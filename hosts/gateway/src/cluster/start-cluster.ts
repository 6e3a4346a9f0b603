import type { Redis } from 'ioredis';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { PluginLog } from '@openclaw-nodes/core/plugin';
import type { Hub } from '../hub.js';
import type { InvokeRouter } from '../invoke/invoke-router.js';
import type { NodeRegistry } from '../registry/node-registry.js';
import { ClusterKeys, type ClusterOptions } from './cluster-options.js';
import { ClusterMembership } from './cluster-membership.js';
import type { ClusterView } from './cluster-view.js';
import type { ApprovalQueue } from '../exec/approval-queue.js';
import { ClusterEvents } from './cluster-events.js';
import { RemoteApprovals } from './remote-approvals.js';
import { MemberRpc } from './member-rpc.js';
import { ClusterMedia } from './cluster-media.js';
import type { MediaStore } from '../media/media-store.js';
import { NodeLocations } from './node-locations.js';
import { parseChangeNotice, parseRecord } from './pairing-records-redis.js';
import { clusterUnavailable, openRedis } from './redis-connection.js';
import { RedisPairingStore, type DeviceChangeListener } from './redis-pairing-store.js';
import { isRemote } from './remote-node.js';
import { sharedGatewayIdentity } from './shared-identity.js';
import type { DeviceIdentity } from '@openclaw-nodes/core/identity';

/** A running cluster member: the pairing store on Redis, membership, node locations and calls between members. */
export interface ClusterMember extends ClusterView {
  readonly store: RedisPairingStore;
  readonly membership: ClusterMembership;
  /** The gateway identity every member of the cluster shares. */
  readonly identity: DeviceIdentity;
  /**
   * Connects the gateway's registry, invoke router and hub: nodes here are announced, others'
   * become routable, and events travel to and from the other members.
   */
  bind(registry: NodeRegistry, invoker: InvokeRouter, hub: Hub, approvals: ApprovalQueue, media: MediaStore): void;
  stop(): Promise<void>;
}

/** How long a gateway waits at start for Redis before refusing to start, ms. */
const START_WAIT_MS = 5_000;
/** Pause between resync attempts while Redis is back but not answering fully, ms. */
const RESYNC_RETRY_MS = 250;

/**
 * Joins the cluster: two Redis connections (commands; notices and calls, which need one of
 * their own for pub/sub), a full resync, then a heartbeat. After any Redis outage the member
 * resyncs by itself once both connections are back. `own` becomes the cluster's identity when
 * it has none yet.
 * @throws OpenClawError `CLUSTER_UNAVAILABLE` when Redis cannot be reached within 5 s.
 */
export async function startCluster(options: ClusterOptions, memberId: string, own: DeviceIdentity, onDeviceChange: DeviceChangeListener, log: PluginLog): Promise<ClusterMember> {
  const keys = new ClusterKeys(options.name);
  const [redis, notices] = await Promise.all([openRedis(options.redis, `${options.name}:${memberId}`), openRedis(options.redis, `${options.name}:${memberId}:notices`)]);
  // A write that failed with both connections up (a timeout) leaves the mirror stale: resync it.
  const store: RedisPairingStore = new RedisPairingStore(redis, keys, memberId, onDeviceChange, () => void resync());
  let registry: NodeRegistry | undefined;
  let invoker: InvokeRouter | undefined;
  let approvalQueue: ApprovalQueue | undefined;
  const approvals: RemoteApprovals = new RemoteApprovals(memberId, (member, message) => rpc.sendTo(member, message), () => approvalQueue);
  const media: ClusterMedia = new ClusterMedia(memberId, (member, message) => rpc.sendTo(member, message), (id) => membership.isAlive(id), () => store.ready && redis.status === 'ready', log);
  const other = (message: Record<string, unknown>) => void (media.handle(message) || approvals.handle(message));
  const rpc: MemberRpc = new MemberRpc(redis, keys, memberId, (id) => registry?.get(id), (id) => locations.get(id), () => invoker, other);
  const announceAll = () => {
    for (const session of registry?.localSessions() ?? []) void locations.announce(session).catch(() => undefined);
  };
  const membership: ClusterMembership = new ClusterMembership(redis, keys, memberId, (id) => (locations.memberGone(id), media.pulls.memberGone(id)), () => void locations.resync().catch(() => undefined), announceAll);
  const locations: NodeLocations = new NodeLocations(redis, keys, memberId, () => invoker, (member, nodeId, event, payload) => rpc.send(member, nodeId, event, payload), (id) => membership.isAlive(id));
  const events = new ClusterEvents(redis, keys.eventsChannel, memberId, (origin, event, payload) => approvals.observe(origin, event, payload));
  let stopped = false;
  let lastError: Error | undefined;
  let resyncing: Promise<void> | undefined;
  const resync = () =>
    (resyncing ??= (async () => {
      while (!stopped && !store.ready) {
        if (redis.status === 'ready' && notices.status === 'ready') {
          try {
            await store.resync();
            await membership.beat();
            await locations.resync();
            for (const session of registry?.localSessions() ?? []) await locations.announce(session);
            log('info', `cluster ${options.name}: state loaded from Redis (${store.devices().length} devices)`);
            break;
          } catch (err) {
            // NOPERM (an ACL that does not cover this cluster's keys) and the like: kept for the start error.
            lastError = err as Error;
            store.lost();
          }
        }
        await new Promise((resolve) => setTimeout(resolve, RESYNC_RETRY_MS));
      }
    })().finally(() => (resyncing = undefined)));
  let reported = false;
  const down = (err?: Error) => {
    if (err) lastError = err;
    store.lost();
    // Calls in flight to other members' nodes cannot be answered now: they end at once.
    for (const session of locations.all()) for (const id of [...session.inflight]) invoker?.unreadableResult(session, id, clusterUnavailable('calling a node on another gateway'));
    media.pulls.memberGone();
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
  });
  notices.on('ready', () => {
    // Anything missed while this connection was down is covered by the resync that follows.
    store.lost();
    notices.subscribe(keys.pairingChannel, keys.nodesChannel, keys.rpc(memberId), keys.eventsChannel).then(() => resync(), () => down());
  });
  // Every notice and event starts with its origin: this member's own echoes are dropped unparsed.
  const ownEcho = `{"origin":${JSON.stringify(memberId)}`;
  // Notices and events are handled in the order they arrived: an event (a pairing request, a
  // node connecting) reaches this member's operators only after the records it speaks of were
  // read, so an operator answering it at once finds them here.
  const noop = () => undefined;
  let inOrder: Promise<void> = Promise.resolve();
  const next = (step: () => unknown) => {
    inOrder = inOrder.then(step).then(noop, noop);
  };
  notices.on('message', (channel: string, message: string) => {
    if (channel === keys.rpc(memberId)) return rpc.handle(message);
    if (message.startsWith(ownEcho)) return;
    if (channel === keys.eventsChannel) return next(() => events.deliver(message));
    if (channel === keys.nodesChannel) {
      const notice = parseRecord<{ origin?: unknown; nodeId?: unknown }>(message);
      if (notice && notice.origin !== memberId && typeof notice.nodeId === 'string') next(() => locations.refresh(notice.nodeId as string));
      return;
    }
    const notice = parseChangeNotice(message);
    if (notice) next(() => store.apply(notice).catch(() => (store.lost(), void resync())));
  });
  await Promise.all([redis.connect(), notices.connect()]).catch(() => undefined);
  const started = await Promise.race([resync().then(() => store.ready), new Promise<false>((resolve) => setTimeout(() => resolve(false), START_WAIT_MS).unref())]);
  let identity: DeviceIdentity | undefined;
  if (started) identity = await sharedGatewayIdentity(redis, keys, own).catch((err: Error) => void (lastError = err));
  if (identity === undefined) {
    stopped = true;
    closeAll([redis, notices]);
    throw lastError instanceof OpenClawError ? lastError : clusterUnavailable(`joining cluster ${options.name}`, lastError);
  }
  membership.start();
  return {
    store,
    membership,
    identity,
    status: () => ({ name: options.name, member: memberId, peers: membership.peers, redis: store.ready ? 'up' : 'down' }),
    isForwarded: (session, id) => rpc.isForwarded(session, id),
    relayResult: (session, params, refused) => rpc.relayResult(session, params, refused),
    media: media.pulls,
    mediaCounters: () => media.counters(),
    checkReachable(session) {
      if (isRemote(session) && (!store.ready || redis.status !== 'ready')) throw clusterUnavailable(`calling node ${session.nodeId} on another gateway`);
    },
    approvals,
    bind(r, i, hub, queue, mediaStore) {
      registry = r;
      media.bind(mediaStore);
      invoker = i;
      approvalQueue = queue;
      events.bind(hub);
      r.joinCluster({
        member: memberId,
        remote: (id) => locations.get(id),
        remotes: () => locations.all(),
        attached: (session) => void locations.announce(session).catch(() => undefined),
        detached: (session) => {
          rpc.nodeLeft(session);
          void locations.withdraw(session.nodeId).catch(() => undefined);
        },
      });
    },
    async stop() {
      stopped = true;
      await store.flush();
      for (const session of registry?.localSessions() ?? []) await locations.withdraw(session.nodeId).catch(() => undefined);
      await membership.stop();
      closeAll([redis, notices]);
    },
  };
}

function closeAll(conns: Redis[]): void {
  for (const conn of conns) conn.disconnect();
}
