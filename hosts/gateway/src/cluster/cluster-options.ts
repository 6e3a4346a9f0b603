/** How a gateway joins a cluster (`gateway.cluster` in config, docs/cluster.md). */
export interface ClusterOptions {
  /** Prefix of every key and channel, so two clusters can share one Redis. */
  name: string;
  redis: {
    /** `redis://host:port/db` or `rediss://` for TLS. */
    url: string;
    /** ACL user. */
    username?: string;
    password?: string;
    /** TLS to Redis; `ca` trusts a private CA (PEM). Also on for a rediss:// url. */
    tls?: { ca?: string | Buffer };
  };
}

/**
 * Heartbeat cadence and the TTL of a member's heartbeat key, ms. A member missing for
 * `MEMBER_TTL_MS` is gone: calls waiting on it end `DISCONNECTED` within the 1 s the protocol
 * allows. Four beats per TTL survive one slow beat (a GC pause, a busy event loop).
 */
export const HEARTBEAT_MS = 200;
export const MEMBER_TTL_MS = 750;

/** The Redis keys and channels of one cluster. */
export class ClusterKeys {
  constructor(readonly name: string) {}
  member(id: string): string {
    return `${this.name}:member:${id}`;
  }
  get members(): string {
    return `${this.name}:members`;
  }
  device(id: string): string {
    return `${this.name}:device:${id}`;
  }
  get devices(): string {
    return `${this.name}:devices`;
  }
  pending(id: string): string {
    return `${this.name}:pending:${id}`;
  }
  get pendings(): string {
    return `${this.name}:pendings`;
  }
  node(id: string): string {
    return `${this.name}:node:${id}`;
  }
  get nodes(): string {
    return `${this.name}:nodes`;
  }
  /** Notices of nodes connecting to and leaving members. */
  get nodesChannel(): string {
    return `${this.name}:nodes-changed`;
  }
  /** Calls to one member: invokes and cancels for its nodes, results and departures for its callers. */
  rpc(member: string): string {
    return `${this.name}:rpc:${member}`;
  }
  /** Operator events (broadcasts and observer events) of every member. */
  get eventsChannel(): string {
    return `${this.name}:events`;
  }
  /** The cluster's one gateway identity key (`shared-identity.ts`). */
  get identity(): string {
    return `${this.name}:gateway-identity`;
  }
  /** Change notices of pairing records. */
  get pairingChannel(): string {
    return `${this.name}:pairing`;
  }
}
