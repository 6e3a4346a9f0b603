import type { SimulatedNodes } from './simulated-nodes.js';

export interface FailoverView {
  reconnectMs: number[];
  onEach: number[];
  lists: Array<{ listed: number; distinct: number; connected: number; members: string[] }>;
  pending: number;
  refusals: number;
  invokes: number;
  invokeFailures: number;
}

/** See cluster-failover.js. */
export function afterFailover(sim: SimulatedNodes, survivors: string[], ops: any[], since: number, options?: { timeoutMs?: number; sample?: number }): Promise<FailoverView>;
export function approveAll(op: any): Promise<number>;
