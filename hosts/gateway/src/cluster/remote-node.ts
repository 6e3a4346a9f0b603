import type { Connection } from '../connection.js';
import type { NodeSession } from '../registry/node-session.js';
import type { NodeClaim } from '../state/pairing-model.js';

/** Where a node is connected, as kept in Redis (`<cluster>:node:<nodeId>`). */
export interface NodeLocation {
  member: string;
  nodeId: string;
  claim: NodeClaim;
  connectedAtMs: number;
  remoteIp: string;
  pathEnv?: string;
  permissions?: Record<string, boolean>;
}

/** A node connected to another member, seen here as a session whose frames travel over Redis. */
export interface RemoteNodeSession extends NodeSession {
  readonly member: string;
}

/**
 * The session operators on this member use for a node on `location.member`: invokes and
 * cancels go to `send`, and it is open while that member's heartbeat and Redis are.
 */
export function remoteSession(location: NodeLocation, send: (event: string, payload: unknown) => void, isOpen: () => boolean): RemoteNodeSession {
  // Only what the invoke path reads of a connection: open, targeted, remoteIp, client, close.
  const conn = {
    get open() {
      return isOpen();
    },
    remoteIp: location.remoteIp,
    client: undefined,
    role: 'node',
    targeted: send,
    // The node's own member closes its socket (pairing removals reach it by change notice).
    close: () => undefined,
  } as unknown as Connection;
  return {
    nodeId: location.nodeId,
    member: location.member,
    conn,
    claim: location.claim,
    connectedAtMs: location.connectedAtMs,
    inflight: new Set(),
    ...(location.pathEnv !== undefined ? { pathEnv: location.pathEnv } : {}),
    ...(location.permissions ? { permissions: location.permissions } : {}),
  };
}

/** Whether a session is a node on another member. */
export const isRemote = (session: NodeSession): session is RemoteNodeSession => typeof (session as Partial<RemoteNodeSession>).member === 'string';
