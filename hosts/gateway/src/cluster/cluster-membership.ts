import type { Redis } from 'ioredis';
import { HEARTBEAT_MS, MEMBER_TTL_MS, type ClusterKeys } from './cluster-options.js';

/**
 * This member's heartbeat and its view of the others. Liveness is a key per member with a
 * TTL that Redis expires (no clock shared between machines needed); the `members` set only
 * lists who to look for, and an id whose key is gone is dropped from it.
 */
export class ClusterMembership {
  private timer: NodeJS.Timeout | undefined;
  private alive = new Set<string>();
  private beating = false;
  private joined = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    readonly id: string,
    /** Told once per peer whose heartbeat stopped (crash, kill -9, cut off from Redis). */
    private readonly onPeerGone: (id: string) => void = () => undefined,
    /** Told when a peer (re)appears. */
    private readonly onPeerCame: (id: string) => void = () => undefined,
    /**
     * Told when this member's own key had lapsed before a beat (a stall past the TTL, or Redis
     * restarted): the others took it for gone and dropped its nodes, so it announces them again.
     */
    private readonly onSelfLapsed: () => void = () => undefined,
  ) {}

  /** Whether `id` is this member or a peer alive at the last heartbeat. */
  isAlive(id: string): boolean {
    return id === this.id || this.alive.has(id);
  }

  /** The other members alive at the last heartbeat. */
  get peers(): string[] {
    return [...this.alive];
  }

  start(): void {
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
    void this.beat();
  }

  /** One heartbeat: refresh our key, then read which peers still have theirs. Failures wait for the next beat. */
  async beat(): Promise<void> {
    if (this.beating || this.redis.status !== 'ready') return;
    this.beating = true;
    try {
      const replies = await this.redis.multi().set(this.keys.member(this.id), String(Date.now()), 'PX', MEMBER_TTL_MS, 'GET').sadd(this.keys.members, this.id).smembers(this.keys.members).exec();
      if (replies?.[0]?.[1] == null && this.joined) this.onSelfLapsed();
      this.joined = true;
      const ids = ((replies?.[2]?.[1] as string[] | undefined) ?? []).filter((id) => id !== this.id);
      const beats = ids.length ? await this.redis.mget(ids.map((id) => this.keys.member(id))) : [];
      const now = new Set(ids.filter((_, i) => beats[i] != null));
      const gone = ids.filter((id) => !now.has(id));
      if (gone.length) await this.redis.srem(this.keys.members, ...gone);
      const before = this.alive;
      this.alive = now;
      for (const id of before) if (!now.has(id)) this.onPeerGone(id);
      for (const id of now) if (!before.has(id)) this.onPeerCame(id);
    } catch {
      // Redis trouble shows in the connection state; the next beat tries again.
    } finally {
      this.beating = false;
    }
  }

  /** Leaves the cluster at once (others see it gone without waiting for the TTL). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (this.redis.status === 'ready') await this.redis.multi().del(this.keys.member(this.id)).srem(this.keys.members, this.id).exec().catch(() => undefined);
  }
}
