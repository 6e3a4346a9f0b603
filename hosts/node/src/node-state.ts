import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { JsonFileStore } from '@openclaw-nodes/core/store';

/** `node.json` in the state dir: who this node is and which gateway it belongs to. */
export interface NodeState {
  version: 1;
  /** Client instance id (`client.instanceId`); the routed node id is the device id. */
  nodeId: string;
  displayName?: string;
  gateway?: { host: string; port: number; tls: boolean; tlsFingerprint?: string };
  /** Device token issued by that gateway for role node (PROTOCOL.md section 4.2). */
  token?: string;
}

function parseNodeState(raw: unknown): NodeState {
  const value = raw as Partial<NodeState> | null;
  if (!value || typeof value !== 'object' || value.version !== 1 || typeof value.nodeId !== 'string' || !value.nodeId) {
    throw new Error('node.json must be {"version":1,"nodeId":"…",…}');
  }
  return value as NodeState;
}

export const nodeStateStore = (stateDir: string) =>
  new JsonFileStore<NodeState>(join(stateDir, 'node.json'), {
    defaults: () => ({ version: 1, nodeId: randomUUID() }),
    parse: parseNodeState,
  });
