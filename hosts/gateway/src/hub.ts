import { stringifyJson } from '@openclaw-nodes/core/protocol';
import type { Connection } from './connection.js';

/**
 * Events only some operators may see, and the scope each needs: pairing events carry public
 * keys and claims; exec approval events carry commands, working directories and agents.
 */
export const SCOPED_EVENTS: ReadonlyMap<string, string> = new Map([
  ['device.pair.requested', 'operator.pairing'],
  ['device.pair.resolved', 'operator.pairing'],
  ['node.pair.requested', 'operator.pairing'],
  ['node.pair.resolved', 'operator.pairing'],
  ['exec.approval.requested', 'operator.approvals'],
  ['exec.approval.resolved', 'operator.approvals'],
]);

/** Whether a caller holding `hasScope` may receive `event`. */
export const mayReceive = (event: string, hasScope: (scope: string) => boolean): boolean => {
  const scope = SCOPED_EVENTS.get(event);
  return scope === undefined || hasScope(scope);
};

export type HubListener = (event: string, payload: unknown) => void;

/** Where a cluster member sends its events for the other members. */
export type HubRelay = (kind: 'broadcast' | 'emit', event: string, payload: unknown) => void;

/** Each member's own: its tick cadence and its own shutdown. */
const MEMBER_ONLY: ReadonlySet<string> = new Set(['tick', 'shutdown']);

/** Every authenticated connection, for broadcasts and ticks. */
export class Hub {
  private readonly conns = new Set<Connection>();
  /**
   * The operator connections among them: only operators get events other than `tick` and
   * `shutdown`, and a pairing broadcast must not walk ten thousand node sockets to find them.
   */
  private readonly operators = new Set<Connection>();
  private readonly listeners = new Set<HubListener>();
  /** Listeners that want only this member's own events (the log: each member logs its own). */
  private readonly ownOnly = new Set<HubListener>();
  private relay: HubRelay | undefined;

  /** An authenticated connection (its role is set). */
  add(conn: Connection): void {
    this.conns.add(conn);
    if (conn.role === 'operator') this.operators.add(conn);
  }

  delete(conn: Connection): void {
    this.conns.delete(conn);
    this.operators.delete(conn);
  }

  get size(): number {
    return this.conns.size;
  }

  all(): IterableIterator<Connection> {
    return this.conns.values();
  }

  /**
   * In-process observers (HTTP event stream) of every broadcast and every `emit`; with
   * `ownOnly`, not of those other cluster members relayed.
   */
  listen(listener: HubListener, options: { ownOnly?: boolean } = {}): () => void {
    this.listeners.add(listener);
    if (options.ownOnly) this.ownOnly.add(listener);
    return () => {
      this.listeners.delete(listener);
      this.ownOnly.delete(listener);
    };
  }

  /**
   * Sends every event but `tick` and `shutdown` on to the other members of a cluster too, which
   * deliver it with `deliver` (scope checks happen there, per receiving connection).
   */
  relayTo(relay: HubRelay): void {
    this.relay = relay;
  }

  /** Whether anyone listens (in process, or other cluster members): hot paths skip building event payloads otherwise. */
  get observed(): boolean {
    return this.listeners.size > 0 || this.relay !== undefined;
  }

  /** An event for in-process observers only, never a WebSocket frame (`node.connected`, ...). */
  emit(event: string, payload: unknown): void {
    this.notify(event, payload);
    if (!MEMBER_ONLY.has(event)) this.relay?.('emit', event, payload);
  }

  /**
   * Sends an event to every operator entitled to it; `tick` goes to everyone.
   * @throws OpenClawError `PAYLOAD_TOO_DEEP`/`INTERNAL_ERROR` for a payload JSON cannot hold; nothing is sent then.
   */
  broadcast(event: string, payload: unknown): void {
    this.send(event, payload);
    if (!MEMBER_ONLY.has(event)) this.relay?.('broadcast', event, payload);
  }

  /** An event another cluster member relayed: delivered here as if raised here, and not relayed again. */
  deliver(kind: 'broadcast' | 'emit', event: string, payload: unknown): void {
    if (MEMBER_ONLY.has(event)) return;
    if (kind === 'broadcast') this.send(event, payload, true);
    else this.notify(event, payload, true);
  }

  private send(event: string, payload: unknown, relayed = false): void {
    const json = stringifyJson(payload, `"${event}" event`);
    const everyone = event === 'tick' || event === 'shutdown';
    for (const conn of everyone ? this.conns : this.operators) {
      if (everyone || mayReceive(event, (scope) => conn.hasScope(scope))) conn.broadcast(event, json);
    }
    this.notify(event, payload, relayed);
  }

  private notify(event: string, payload: unknown, relayed = false): void {
    for (const listener of this.listeners) if (!relayed || !this.ownOnly.has(listener)) listener(event, payload);
  }
}
