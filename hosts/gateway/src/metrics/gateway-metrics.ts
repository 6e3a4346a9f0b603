import { AuthLimiter } from '../auth/auth-limiter.js';
import type { SocketCounters } from '../gateway-socket.js';
import type { Hub } from '../hub.js';
import type { InvokeObserver } from '../invoke/invoke-router.js';
import { InvokeMetrics } from './invoke-metrics.js';
import { McpMetrics } from './mcp-metrics.js';
import { TcpByteCounter } from './tcp-byte-counter.js';

/** Plain counters the gateway bumps as it works; `/metrics` reads them with live gauges. */
export class GatewayMetrics {
  readonly frames: SocketCounters = { framesIn: 0, bytesIn: 0, badFrames: 0 };
  readonly invokes = new InvokeMetrics();
  readonly mcp = new McpMetrics();
  readonly tcp = new TcpByteCounter();
  wsOpened = 0;
  wsClosed = 0;
  authFailures = 0;
  eventStreams = 0;

  /**
   * Counts each ended invoke and, only when someone listens (the event stream), tells the hub
   * `node.invoke.finished`.
   */
  invokeObserver(hub: Hub): InvokeObserver {
    return (nodeId, command, end, startedAt) => {
      const durationMs = performance.now() - startedAt;
      this.invokes.record(command, end, durationMs);
      if (hub.observed) {
        hub.emit('node.invoke.finished', { nodeId, command, outcome: end, ok: end === 'ok', durationMs: Math.round(durationMs * 1000) / 1000, ts: Date.now() });
      }
    };
  }
}

/** The AuthLimiter, counting every failed authentication (loopback too) for the metrics. */
export class CountingAuthLimiter extends AuthLimiter {
  constructor(private readonly metrics: GatewayMetrics) {
    super();
  }

  override fail(address: string, isLocal: boolean, now?: number): void {
    this.metrics.authFailures++;
    super.fail(address, isLocal, now);
  }
}
