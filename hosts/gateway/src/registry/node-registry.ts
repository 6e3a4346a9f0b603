import type { CommandPolicy } from '../policy/command-policy.js';
import type { PairingRecords } from '../state/pairing-records.js';
import { displayNameOf, type PairedDevice } from '../state/pairing-model.js';
import type { NodeSession } from './node-session.js';

export type ApprovalState = 'approved' | 'pending-approval' | 'pending-reapproval' | 'unapproved';

/** A `node.list` entry (PROTOCOL.md section 7.1). */
export interface NodeEntry {
  nodeId: string;
  displayName?: string;
  platform?: string;
  version?: string;
  clientId?: string;
  clientMode?: string;
  deviceFamily?: string;
  modelIdentifier?: string;
  remoteIp?: string;
  caps: string[];
  commands: string[];
  permissions?: Record<string, boolean>;
  sessionHost: false;
  hostStats?: unknown;
  /** The node host's own report of its plugins, while it is connected. */
  plugins?: unknown[];
  nodePluginTools: [];
  pathEnv?: string;
  approvalState: ApprovalState;
  pendingRequestId?: string;
  connectedAtMs?: number;
  lastConnectedAtMs?: number;
  lastSeenAtMs?: number;
  lastSeenReason?: string;
  approvedAtMs?: number;
  paired: boolean;
  connected: boolean;
  /** In a cluster: the member (gateway boot id) the node is connected to. */
  clusterMember?: string;
}

/** What a cluster adds to the registry: the nodes on other members, and word of this member's own. */
export interface ClusterNodes {
  readonly member: string;
  remote(nodeId: string): NodeSession | undefined;
  remotes(): Iterable<NodeSession & { readonly member: string }>;
  attached(session: NodeSession): void;
  detached(session: NodeSession): void;
}

/** Live node sessions by node id, and the catalogue operators read. */
export class NodeRegistry {
  private readonly sessions = new Map<string, NodeSession>();
  private cluster: ClusterNodes | undefined;

  constructor(
    private readonly store: PairingRecords,
    private readonly policy: CommandPolicy,
  ) {}

  /** The node's session on this gateway (its own socket here). */
  get(nodeId: string): NodeSession | undefined {
    return this.sessions.get(nodeId);
  }

  /** Where calls to the node go: its session here, else (in a cluster) its session on another member. */
  route(nodeId: string): NodeSession | undefined {
    return this.sessions.get(nodeId) ?? this.cluster?.remote(nodeId);
  }

  /** The sessions of nodes connected to this gateway itself. */
  localSessions(): IterableIterator<NodeSession> {
    return this.sessions.values();
  }

  /** Makes this registry part of a cluster: other members' nodes become routable and listed. */
  joinCluster(cluster: ClusterNodes): void {
    this.cluster = cluster;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Adds a session, returning the one it replaces (a node that reconnected before its old socket died). */
  attach(session: NodeSession): NodeSession | undefined {
    const previous = this.sessions.get(session.nodeId);
    this.sessions.set(session.nodeId, session);
    this.cluster?.attached(session);
    return previous;
  }

  /** The node changed what it offers (`node.surface`): other cluster members learn of it. */
  surfaceChanged(session: NodeSession): void {
    if (this.sessions.get(session.nodeId) === session) this.cluster?.attached(session);
  }

  /** Removes the session if it is still the current one for its node. */
  detach(session: NodeSession): boolean {
    if (this.sessions.get(session.nodeId) !== session) return false;
    this.sessions.delete(session.nodeId);
    this.cluster?.detached(session);
    return true;
  }

  /** Commands the gateway will actually send to this node now. */
  effectiveCommands(session: NodeSession, device: PairedDevice | undefined): string[] {
    const approved = device?.nodeSurface?.commands ?? [];
    return this.policy.effective(session.claim.commands, approved, session.claim.platform, session.claim.deviceFamily);
  }

  /** Every node: connected ones first, then paired offline ones, each sorted by name. */
  list(): NodeEntry[] {
    const entries: NodeEntry[] = [];
    const seen = new Set<string>();
    for (const session of this.sessions.values()) {
      seen.add(session.nodeId);
      entries.push(this.entry(session.nodeId, session, this.store.device(session.nodeId)));
    }
    for (const session of this.cluster?.remotes() ?? []) {
      if (seen.has(session.nodeId)) continue;
      seen.add(session.nodeId);
      entries.push(this.entry(session.nodeId, session, this.store.device(session.nodeId)));
    }
    for (const device of this.store.devices()) {
      if (seen.has(device.deviceId) || !device.roles.includes('node')) continue;
      entries.push(this.entry(device.deviceId, undefined, device));
    }
    return entries.sort(
      (a, b) => Number(b.connected) - Number(a.connected) || (a.displayName ?? a.nodeId).localeCompare(b.displayName ?? b.nodeId),
    );
  }

  entry(nodeId: string, session: NodeSession | undefined, device: PairedDevice | undefined): NodeEntry {
    const surface = device?.nodeSurface;
    const pending = device?.pendingNodeSurface;
    const approvalState: ApprovalState = surface ? (pending ? 'pending-reapproval' : 'approved') : pending ? 'pending-approval' : 'unapproved';
    const claim = session?.claim;
    const commands = session ? this.effectiveCommands(session, device) : surface ? [...surface.commands].sort() : [];
    const approvedCaps = new Set(surface?.caps ?? []);
    const caps = session ? claim!.caps.filter((c) => approvedCaps.has(c)).sort() : [...approvedCaps].sort();
    const entry: NodeEntry = {
      nodeId,
      displayName: device ? displayNameOf(device) ?? claim?.displayName : claim?.displayName,
      platform: claim?.platform ?? device?.platform,
      version: claim?.version ?? surface?.version,
      clientId: claim?.clientId ?? device?.clientId,
      clientMode: claim?.clientMode ?? device?.clientMode,
      deviceFamily: claim?.deviceFamily ?? device?.deviceFamily,
      caps,
      commands,
      sessionHost: false,
      nodePluginTools: [],
      approvalState,
      paired: Boolean(device?.roles.includes('node')),
      connected: Boolean(session),
    };
    if (session && this.cluster) entry.clusterMember = (session as { member?: string }).member ?? this.cluster.member;
    if (session) {
      entry.remoteIp = session.conn.remoteIp;
      entry.connectedAtMs = session.connectedAtMs;
      entry.lastConnectedAtMs = session.connectedAtMs;
      if (session.pathEnv !== undefined) entry.pathEnv = session.pathEnv;
      if (session.permissions) entry.permissions = session.permissions;
      if (session.conn.client?.modelIdentifier) entry.modelIdentifier = session.conn.client.modelIdentifier;
    }
    const stats = session?.hostStats ?? device?.lastHostStats;
    if (stats) entry.hostStats = stats;
    if (session?.plugins) entry.plugins = session.plugins;
    if (pending) entry.pendingRequestId = pending.requestId;
    if (device?.lastSeenAtMs !== undefined) entry.lastSeenAtMs = device.lastSeenAtMs;
    if (device?.lastSeenReason !== undefined) entry.lastSeenReason = device.lastSeenReason;
    if (surface) entry.approvedAtMs = surface.approvedAtMs;
    return entry;
  }
}
