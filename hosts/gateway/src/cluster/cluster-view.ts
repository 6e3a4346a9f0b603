import type { OpenClawError } from '@openclaw-nodes/core/errors';
import type { RemoteMedia } from '../media/remote-media.js';
import type { ApprovalDecision, ApprovalView } from '../exec/approval-queue.js';
import type { InvokeResultParams } from '../invoke/invoke-router.js';
import type { NodeSession } from '../registry/node-session.js';

/** What `openclaw status` and `/health` show of a cluster member. */
export interface ClusterStatus {
  name: string;
  member: string;
  /** Other members alive now. */
  peers: string[];
  /** `up` when the pairing mirror matches Redis; `down` while Redis is away or being resynced. */
  redis: 'up' | 'down';
}

/** What the rest of the gateway sees of its cluster membership (types only: no Redis client behind this import). */
export interface ClusterView {
  status(): ClusterStatus;
  /** Whether call `id` is one another member forwarded to this very node session. */
  isForwarded(session: NodeSession, id: string): boolean;
  /**
   * A local node's result for a call another member made: relayed there (true), else false.
   * `refused`: its media failed the check here (`MEDIA_PAYLOAD_INVALID` on the caller).
   */
  relayResult(session: NodeSession, params: InvokeResultParams, refused?: OpenClawError): boolean;
  /** Media other members hold, pulled over Redis. */
  readonly media: RemoteMedia;
  /** Media pulls started here, bytes received by them, and bytes sent to other members' pulls. */
  mediaCounters(): { pulls: number; pulledBytes: number; servedBytes: number };
  /** @throws OpenClawError `CLUSTER_UNAVAILABLE` when `session` is on another member and Redis is away. */
  checkReachable(session: NodeSession): void;
  /** Exec approval requests waiting on other members, and answering them there. */
  readonly approvals: {
    list(): ApprovalView[];
    /** Undefined when no member is known to hold `id`. @throws (async) `APPROVAL_NOT_FOUND`, `CLUSTER_UNAVAILABLE`. */
    resolve(id: string, decision: ApprovalDecision, by: string | undefined): Promise<{ id: string; decision: ApprovalDecision }> | undefined;
  };
}
