import type { DeviceIdentity } from '../../core/dist/identity.js';
import type { WebSocket } from 'ws';

export { generateDeviceIdentity } from '../../core/dist/identity.js';

/** One signed node connect (see simulated-nodes.js). */
export function nodeHandshake(url: string, identity: DeviceIdentity, auth: { token?: string; deviceToken?: string }, options?: { displayName?: string; headers?: Record<string, string>; localProofDir?: string; silent?: boolean }): Promise<{ ws: WebSocket; res: any }>;

export function connectAll(url: string, identities: DeviceIdentity[], authOf: (identity: DeviceIdentity) => { token?: string; deviceToken?: string }, options?: { concurrency?: number; displayName?: string; silent?: boolean }): Promise<{ elapsedMs: number; answers: Array<{ ws: WebSocket; res: any }> }>;

export interface SimulatedNodeOptions {
  token: string;
  deviceTokens?: boolean;
  displayName?: string;
  silent?: boolean;
  gatewayStateDirs?: string[];
  minMs?: number;
  maxMs?: number;
  random?: () => number;
}

/** One simulated node (see simulated-nodes.js). */
export class SimulatedNode {
  constructor(identity: DeviceIdentity, urls: string[], options: SimulatedNodeOptions);
  readonly deviceId: string;
  /** The URL of the open connection, or undefined. */
  readonly url: string | undefined;
  readonly connected: boolean;
  /** Each connection, oldest first; times from `performance.now()`. */
  readonly history: ReadonlyArray<{ url: string; connectedAt: number; lostAt?: number; delayMs?: number }>;
  /** Error codes of refused connects. */
  readonly refusals: ReadonlyArray<string | undefined>;
  /** Connects that failed (refused, timed out, socket closed or failed) before one was accepted. */
  readonly failedAttempts: number;
  start(): void;
  stop(): void;
}

/** Per node that lost a connection: where it was, where it is back, the rotation's wait and the ms from loss to hello-ok. */
export interface Reconnect {
  deviceId: string;
  from: string;
  to: string | undefined;
  delayMs: number | undefined;
  reconnectMs: number | undefined;
}

export interface SimulatedNodes {
  nodes: SimulatedNode[];
  /** Time until every node had connected once. */
  elapsedMs: number;
  /** How many nodes are connected to `url` now. */
  connectedTo(url: string): number;
  /** The first loss of each node after `since` (`performance.now()`) and its way back. */
  reconnects(since: number): Reconnect[];
  stop(): void;
}

export function startSimulatedNodes(options: { urls: string[]; count: number; concurrency?: number } & SimulatedNodeOptions): Promise<SimulatedNodes>;
