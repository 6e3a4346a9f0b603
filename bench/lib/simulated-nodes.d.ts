/** One simulated node (see simulated-nodes.js). */
export interface SimulatedNode {
  readonly deviceId: string;
  /** The URL of the open connection, or undefined. */
  readonly url: string | undefined;
  /** Each connection, oldest first; times from `performance.now()`. */
  readonly history: ReadonlyArray<{ url: string; connectedAt: number; lostAt?: number; delayMs?: number }>;
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

export function startSimulatedNodes(options: { urls: string[]; count: number; token: string; gatewayStateDirs?: string[]; concurrency?: number; minMs?: number; maxMs?: number; random?: () => number }): Promise<SimulatedNodes>;
