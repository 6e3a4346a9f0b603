import type { Redis } from 'ioredis';
import { MAX_PAYLOAD_BYTES } from '@openclaw-nodes/core/protocol';
import type { Hub } from '../hub.js';
import { parseRecord } from './pairing-records-redis.js';

interface RelayedEvent {
  origin: string;
  kind: 'broadcast' | 'emit';
  event: string;
  payload: unknown;
}

const MAX_EVENT_NAME = 100;

/**
 * Operator events across the cluster on one channel: each member publishes what its hub
 * raises (tagged with its id, so it ignores its own), and delivers the others' to its own
 * operators and event streams, where each connection's scopes are checked as for a local
 * event. Fire and forget: with Redis away, events stay on the member that raised them.
 */
export class ClusterEvents {
  private hub: Hub | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    private readonly memberId: string,
    /** Told of every event another member relayed, with that member's id. */
    private readonly observe: (origin: string, event: string, payload: unknown) => void = () => undefined,
  ) {}

  bind(hub: Hub): void {
    this.hub = hub;
    hub.relayTo((kind, event, payload) => {
      if (this.redis.status !== 'ready') return;
      const message: RelayedEvent = { origin: this.memberId, kind, event, payload };
      this.redis.publish(this.channel, JSON.stringify(message)).catch(() => undefined);
    });
  }

  /** One message from the events channel; our own and malformed ones are dropped. */
  deliver(text: string): void {
    if (text.length > MAX_PAYLOAD_BYTES) return;
    const message = parseRecord<Partial<RelayedEvent>>(text);
    if (!message || typeof message.origin !== 'string' || message.origin === this.memberId || (message.kind !== 'broadcast' && message.kind !== 'emit')) return;
    if (typeof message.event !== 'string' || message.event.length === 0 || message.event.length > MAX_EVENT_NAME) return;
    this.observe(message.origin as string, message.event, message.payload);
    try {
      this.hub?.deliver(message.kind, message.event, message.payload);
    } catch {
      // A payload nested too deep to send is dropped here, as it would be where it was raised.
    }
  }
}
