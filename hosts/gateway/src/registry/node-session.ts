import type { NodePluginStatus } from '@openclaw-nodes/core/protocol';
import type { Connection } from '../connection.js';
import type { HostStats, NodeClaim } from '../state/pairing-model.js';

/** A connected node: its socket and what it declared in `connect`. */
export interface NodeSession {
  readonly nodeId: string;
  readonly conn: Connection;
  /** Caps and commands are replaced by a `node.surface` event while connected. */
  claim: NodeClaim;
  readonly pathEnv?: string;
  /** The live permission map: from `connect`, then from each `node.surface` event. */
  permissions?: Record<string, boolean>;
  readonly connectedAtMs: number;
  /** Invoke ids in flight on this node, failed at once when it drops. */
  readonly inflight: Set<string>;
  hostStats?: HostStats;
  /** When the node last changed its surface with a `node.surface` event (rate bound). */
  surfaceChangedAtMs?: number;
  /** What the node reported of its plugins (`node.plugins` event): ok, unavailable or failed. */
  plugins?: NodePluginStatus[];
}
