import type { Redis } from 'ioredis';
import type { InvokeRouter } from '../invoke/invoke-router.js';
import type { NodeSession } from '../registry/node-session.js';
import type { ClusterKeys } from './cluster-options.js';
import { parseRecord } from './pairing-records-redis.js';
import { remoteSession, type NodeLocation, type RemoteNodeSession } from './remote-node.js';

/**
 * Deletes a node's location only if member ARGV[1] still holds it (the node may have moved on)
 * and, when that member is taken for dead (ARGV[4] = 1), only while its heartbeat key KEYS[4]
 * is still missing: a member that was merely late has announced its nodes again by then.
 */
const RELEASE = `local v = redis.call('GET', KEYS[1])
if ARGV[4] == '1' and redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
if v and cjson.decode(v).member == ARGV[1] then
  redis.call('DEL', KEYS[1]); redis.call('SREM', KEYS[2], ARGV[2]); redis.call('PUBLISH', KEYS[3], ARGV[3]); return 1
end
return 0`;

/**
 * Which member holds which node's session. Each member writes its own nodes' locations
 * (and removes them on disconnect); every member mirrors the others' as remote sessions,
 * kept current by a notice per change and rebuilt on every resync. A member whose heartbeat
 * stops takes its nodes with it: their calls in flight here end `DISCONNECTED` at once.
 */
export class NodeLocations {
  private readonly remote = new Map<string, RemoteNodeSession>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    private readonly memberId: string,
    private readonly invoker: () => InvokeRouter | undefined,
    private readonly send: (member: string, nodeId: string, event: string, payload: unknown) => void,
    private readonly alive: (member: string) => boolean,
  ) {}

  /** The session of a node on another member. */
  get(nodeId: string): RemoteNodeSession | undefined {
    return this.remote.get(nodeId);
  }

  all(): IterableIterator<RemoteNodeSession> {
    return this.remote.values();
  }

  /** Announces a node that connected here. Failures are repaired by the next resync's `announceAll`. */
  async announce(session: NodeSession): Promise<void> {
    const location: NodeLocation = { member: this.memberId, nodeId: session.nodeId, claim: session.claim, connectedAtMs: session.connectedAtMs, remoteIp: session.conn.remoteIp, pathEnv: session.pathEnv, permissions: session.permissions };
    const notice = JSON.stringify({ origin: this.memberId, nodeId: session.nodeId });
    await this.redis.multi().set(this.keys.node(session.nodeId), JSON.stringify(location)).sadd(this.keys.nodes, session.nodeId).publish(this.keys.nodesChannel, notice).exec();
  }

  /** Withdraws a node that left this member, unless another member holds it by now. */
  async withdraw(nodeId: string): Promise<void> {
    const notice = JSON.stringify({ origin: this.memberId, nodeId });
    await this.redis.eval(RELEASE, 4, this.keys.node(nodeId), this.keys.nodes, this.keys.nodesChannel, this.keys.member(this.memberId), this.memberId, nodeId, notice, '0');
  }

  /** Re-reads one node's location after another member's notice. */
  async refresh(nodeId: string): Promise<void> {
    this.take(nodeId, parseLocation(await this.redis.get(this.keys.node(nodeId))));
  }

  /**
   * Rebuilds every remote session from Redis (after a reconnect or a membership change), and
   * removes the locations of members no longer alive (one killed while no member was watching,
   * e.g. during a Redis outage), so none lingers for later readers.
   */
  async resync(): Promise<void> {
    const ids = await this.redis.smembers(this.keys.nodes);
    const values = ids.length ? await this.redis.mget(ids.map((id) => this.keys.node(id))) : [];
    const seen = new Set<string>();
    const dead: Array<[string, string]> = [];
    ids.forEach((id, i) => {
      seen.add(id);
      const location = parseLocation(values[i] ?? null);
      if (location && !this.alive(location.member)) dead.push([id, location.member]);
      this.take(id, location);
    });
    for (const id of [...this.remote.keys()]) if (!seen.has(id)) this.take(id, undefined);
    this.release(dead);
  }

  /**
   * A member's heartbeat stopped: its nodes are gone, and so are the calls waiting on them.
   * Their locations are removed from Redis too (only where that member still holds them), so a
   * member killed with SIGKILL leaves nothing behind; should it come back, it announces again.
   */
  memberGone(member: string): void {
    const ids = [...this.remote].filter(([, session]) => session.member === member).map(([id]) => id);
    for (const id of ids) this.take(id, undefined);
    this.release(ids.map((id) => [id, member]));
  }

  /** Removes locations `[nodeId, member]` of members taken for dead, where they still hold them and are still missing. */
  private release(locations: Array<[string, string]>): void {
    if (locations.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const [id, member] of locations) pipeline.eval(RELEASE, 4, this.keys.node(id), this.keys.nodes, this.keys.nodesChannel, this.keys.member(member), member, id, JSON.stringify({ origin: this.memberId, nodeId: id }), '1');
    void pipeline.exec().catch(() => undefined);
  }

  private take(nodeId: string, location: NodeLocation | undefined): void {
    const current = this.remote.get(nodeId);
    const usable = location && location.nodeId === nodeId && location.member !== this.memberId && this.alive(location.member) ? location : undefined;
    if (current && usable && current.member === usable.member) {
      // Reconnected to the same member: calls sent meanwhile reach the new socket there, so
      // they stay pending; calls on the old socket end by that member's `gone`.
      Object.assign(current, { claim: usable.claim, connectedAtMs: usable.connectedAtMs, pathEnv: usable.pathEnv, permissions: usable.permissions });
      return;
    }
    if (current) {
      this.remote.delete(nodeId);
      this.invoker()?.disconnected(current);
    }
    if (usable) {
      const session = remoteSession(usable, (event, payload) => this.send(usable.member, nodeId, event, payload), () => this.remote.get(nodeId) === session && this.alive(usable.member));
      this.remote.set(nodeId, session);
    }
  }
}

function parseLocation(json: string | null): NodeLocation | undefined {
  const value = json === null ? undefined : parseRecord<Partial<NodeLocation>>(json);
  if (!value || typeof value.member !== 'string' || typeof value.nodeId !== 'string' || typeof value.claim !== 'object' || value.claim === null) return undefined;
  const claim = value.claim as Partial<NodeLocation['claim']>;
  if (!Array.isArray(claim.commands) || !Array.isArray(claim.caps) || typeof claim.platform !== 'string') return undefined;
  return value as NodeLocation;
}
