/**
 * Records the gateway keeps about devices: who is paired for which role, their tokens, the
 * approved node command surface, and pending requests of both kinds.
 */

export interface HostStats {
  cpuCount?: number;
  loadAverage?: number[];
  memoryTotalBytes?: number;
  memoryFreeBytes?: number;
  diskTotalBytes?: number;
  diskAvailableBytes?: number;
  updatedAtMs: number;
}

/** What a node claimed in `connect`; the basis of surface approval. */
export interface NodeClaim {
  displayName?: string;
  platform: string;
  version: string;
  deviceFamily?: string;
  clientId: string;
  clientMode: string;
  caps: string[];
  commands: string[];
}

export interface ApprovedSurface {
  displayName?: string;
  version: string;
  caps: string[];
  commands: string[];
  createdAtMs: number;
  approvedAtMs: number;
}

export interface PendingSurface extends NodeClaim {
  requestId: string;
  silent: boolean;
  ts: number;
}

export interface DeviceToken {
  /** The token itself (file store), or absent where only its hash is kept (Redis). */
  token?: string;
  /** SHA-256 of the token, base64url (`hashDeviceToken`): all the Redis store keeps. */
  hash?: string;
  scopes: string[];
  createdAtMs: number;
}

export type ApprovedVia = 'silent' | 'owner';

export interface PairedDevice {
  deviceId: string;
  publicKey: string;
  displayName?: string;
  platform?: string;
  deviceFamily?: string;
  clientId: string;
  clientMode: string;
  roles: string[];
  scopes: string[];
  approvedVia: ApprovedVia;
  createdAtMs: number;
  approvedAtMs: number;
  lastSeenAtMs?: number;
  lastSeenReason?: string;
  /** Operator-chosen name (`node.rename`); wins over the name a node claims. */
  renamedTo?: string;
  tokens: Record<string, DeviceToken>;
  nodeSurface?: ApprovedSurface;
  pendingNodeSurface?: PendingSurface;
  lastHostStats?: HostStats;
}

export type PairingReason = 'not-paired' | 'role-upgrade' | 'scope-upgrade' | 'metadata-upgrade';

export interface PendingDevice {
  requestId: string;
  deviceId: string;
  publicKey: string;
  displayName?: string;
  platform?: string;
  deviceFamily?: string;
  clientId: string;
  clientMode: string;
  role: 'node' | 'operator';
  roles: string[];
  scopes: string[];
  silent: boolean;
  isRepair: boolean;
  reason: PairingReason;
  remoteIp?: string;
  /** Asked from loopback with no proxy header in between (absent in requests saved before this was recorded: not local). */
  local?: boolean;
  ts: number;
  /** For node requests: the surface it declared, approved together with the device. */
  claim?: NodeClaim;
  /**
   * The public key of the gateway the device asked (the node derived its verification code from
   * it). In a cluster the request may be approved on another member, which has its own key.
   */
  gatewayPublicKey?: string;
}

/**
 * The gateway's records in memory. Maps, not objects keyed by device id: an object that
 * gains a thousand distinct keys makes V8 build a thousand hidden classes (measured as
 * megabytes of shapes and descriptor arrays with 1,000 paired nodes).
 */
export interface PairingState {
  paired: Map<string, PairedDevice>;
  pending: Map<string, PendingDevice>;
}

export const emptyPairingState = (): PairingState => ({ paired: new Map(), pending: new Map() });

/** Reads the file format `{version: 1, paired: {id: record}, pending: {id: request}}`. */
export function parsePairingState(raw: unknown): PairingState {
  if (typeof raw !== 'object' || raw === null) throw new Error('pairing state is not an object');
  const value = raw as { version?: unknown; paired?: unknown; pending?: unknown };
  if (value.version !== 1 || typeof value.paired !== 'object' || typeof value.pending !== 'object' || !value.paired || !value.pending) {
    throw new Error('pairing state has an unknown shape (expected version 1 with paired and pending)');
  }
  return {
    paired: new Map(Object.entries(value.paired as Record<string, PairedDevice>)),
    pending: new Map(Object.entries(value.pending as Record<string, PendingDevice>)),
  };
}

/** The file text, built without an intermediate object keyed by device id. */
export function serializePairingState(state: PairingState): string {
  const section = (map: Map<string, unknown>) =>
    [...map].map(([id, record]) => `    ${JSON.stringify(id)}: ${JSON.stringify(record)}`).join(',\n');
  return `{\n  "version": 1,\n  "paired": {\n${section(state.paired)}\n  },\n  "pending": {\n${section(state.pending)}\n  }\n}\n`;
}

/** The name operators see: their rename, else the approved or claimed name. */
export const displayNameOf = (device: PairedDevice): string | undefined =>
  device.renamedTo ?? device.nodeSurface?.displayName ?? device.displayName;
