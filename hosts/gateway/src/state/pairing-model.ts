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
  token: string;
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
  ts: number;
  /** For node requests: the surface it declared, approved together with the device. */
  claim?: NodeClaim;
}

export interface PairingState {
  version: 1;
  paired: Record<string, PairedDevice>;
  pending: Record<string, PendingDevice>;
}

export const emptyPairingState = (): PairingState => ({ version: 1, paired: {}, pending: {} });

export function parsePairingState(raw: unknown): PairingState {
  if (typeof raw !== 'object' || raw === null) throw new Error('pairing state is not an object');
  const value = raw as Partial<PairingState>;
  if (value.version !== 1 || typeof value.paired !== 'object' || typeof value.pending !== 'object') {
    throw new Error('pairing state has an unknown shape (expected version 1 with paired and pending)');
  }
  return { version: 1, paired: value.paired ?? {}, pending: value.pending ?? {} };
}

/** The name operators see: their rename, else the approved or claimed name. */
export const displayNameOf = (device: PairedDevice): string | undefined =>
  device.renamedTo ?? device.nodeSurface?.displayName ?? device.displayName;
