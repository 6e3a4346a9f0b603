import { stringifyJson } from '@openclaw-nodes/core/protocol';
import type { Connection } from './connection.js';

/** Events only operators allowed to pair devices may see (they carry public keys and claims). */
export const PAIRING_EVENTS: ReadonlySet<string> = new Set([
  'device.pair.requested',
  'device.pair.resolved',
  'node.pair.requested',
  'node.pair.resolved',
]);

export type HubListener = (event: string, payload: unknown) => void;

/** Every authenticated connection, for broadcasts and ticks. */
export class Hub {
  private readonly conns = new Set<Connection>();
  private readonly listeners = new Set<HubListener>();

  add(conn: Connection): void {
    this.conns.add(conn);
  }

  delete(conn: Connection): void {
    this.conns.delete(conn);
  }

  get size(): number {
    return this.conns.size;
  }

  all(): IterableIterator<Connection> {
    return this.conns.values();
  }

  /** In-process observers (HTTP event stream) of every broadcast and every `emit`. */
  listen(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether anyone listens in process: hot paths skip building event payloads otherwise. */
  get observed(): boolean {
    return this.listeners.size > 0;
  }

  /** An event for in-process observers only, never a WebSocket frame (`node.connected`, ...). */
  emit(event: string, payload: unknown): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  /**
   * Sends an event to every operator entitled to it; `tick` goes to everyone.
   * @throws OpenClawError `PAYLOAD_TOO_DEEP`/`INTERNAL_ERROR` for a payload JSON cannot hold; nothing is sent then.
   */
  broadcast(event: string, payload: unknown): void {
    const json = stringifyJson(payload, `"${event}" event`);
    const pairingOnly = PAIRING_EVENTS.has(event);
    const everyone = event === 'tick' || event === 'shutdown';
    for (const conn of this.conns) {
      if (everyone || (conn.role === 'operator' && (!pairingOnly || conn.hasScope('operator.pairing')))) {
        conn.broadcast(event, json);
      }
    }
    this.emit(event, payload);
  }
}
