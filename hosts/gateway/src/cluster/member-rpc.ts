import type { Redis } from 'ioredis';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { MAX_PAYLOAD_BYTES } from '@openclaw-nodes/core/protocol';
import type { InvokeResultParams, InvokeRouter } from '../invoke/invoke-router.js';
import { mediaNotUploaded } from '../media/media-result.js';
import type { NodeSession } from '../registry/node-session.js';
import type { ClusterKeys } from './cluster-options.js';
import { parseRecord } from './pairing-records-redis.js';
import { clusterUnavailable } from './redis-connection.js';
import type { RemoteNodeSession } from './remote-node.js';

type Forwardable = 'node.invoke.request' | 'node.invoke.cancel';
type RpcMessage =
  | { t: 'req'; from: string; nodeId: string; event: Forwardable; payload: Record<string, unknown> }
  | { t: 'res'; nodeId: string; params: InvokeResultParams; refused?: { message?: unknown; url?: unknown } }
  | { t: 'gone'; nodeId: string; ids: string[] };

/** A result may carry a whole frame's payload, escaped once more inside the message. */
const MAX_MESSAGE_BYTES = 2 * MAX_PAYLOAD_BYTES + 65_536;
/** Forwarded calls held at once; past it a call is answered as if its node were gone. */
const MAX_FORWARDED = 100_000;
/** A forwarded call is forgotten this long after its own timeout (its caller gave up by then), ms. */
const FORWARD_GRACE_MS = 5_000;

/**
 * Invokes between members over Redis pub/sub, a channel per member. The calling member's
 * InvokeRouter keeps every guarantee it has for local nodes (timeout → cancel + `TIMEOUT`,
 * deadline, payload bounds), treating the node as a session whose frames travel here; the
 * member holding the node forwards requests and cancels to it and sends its result back, or
 * `gone` when the node leaves with calls in flight (the caller answers `DISCONNECTED`).
 *
 * Pub/sub rather than streams: delivery at most once is what a call with a timeout needs, a
 * lost message ends as `TIMEOUT` or `DISCONNECTED` like a lost frame would, and a publish is
 * one round trip with nothing to trim or acknowledge afterwards.
 */
export class MemberRpc {
  private readonly forwarded = new Map<string, { from: string; session: NodeSession; timer: NodeJS.Timeout }>();

  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    private readonly memberId: string,
    private readonly local: (nodeId: string) => NodeSession | undefined,
    private readonly remote: (nodeId: string) => RemoteNodeSession | undefined,
    private readonly invoker: () => InvokeRouter | undefined,
    /** Messages of other kinds (exec approval answers), parsed and bounded. */
    private readonly other: (message: Record<string, unknown>) => void = () => undefined,
  ) {}

  /** Sends a request or cancel for `nodeId` to `member`; a request that cannot be sent fails its call now. */
  send(member: string, nodeId: string, event: string, payload: unknown): void {
    const message = { t: 'req', from: this.memberId, nodeId, event, payload };
    this.publish(member, message).catch((err: unknown) => {
      const session = this.remote(nodeId);
      const id = (payload as { id?: unknown }).id;
      if (session && typeof id === 'string') this.invoker()?.unreadableResult(session, id, clusterUnavailable('calling a node on another gateway', err));
    });
  }

  /** Whether call `id` is one another member forwarded to this very node session (it may get an upload slot). */
  isForwarded(session: NodeSession, id: string): boolean {
    return this.forwarded.get(id)?.session === session;
  }

  /**
   * A local node's result: relayed (true) when the call came from another member. `refused`:
   * the node's media failed the check here, and the caller fails the call with
   * `MEDIA_PAYLOAD_INVALID` (the only refusal a member relays).
   */
  relayResult(session: NodeSession, params: InvokeResultParams, refused?: OpenClawError): boolean {
    const entry = this.forwarded.get(params.id);
    if (!entry || entry.session !== session) return false;
    this.forget(params.id);
    const refusal = refused?.code === 'MEDIA_PAYLOAD_INVALID' ? { refused: { message: refused.message, url: refused.details?.url } } : {};
    void this.publish(entry.from, { t: 'res', nodeId: session.nodeId, params, ...refusal }).catch(() => undefined);
    return true;
  }

  /** A local node left: its forwarded calls end `DISCONNECTED` on their callers. */
  nodeLeft(session: NodeSession): void {
    const byCaller = new Map<string, string[]>();
    for (const [id, entry] of this.forwarded) {
      if (entry.session !== session) continue;
      this.forget(id);
      byCaller.set(entry.from, [...(byCaller.get(entry.from) ?? []), id]);
    }
    for (const [from, ids] of byCaller) void this.publish(from, { t: 'gone', nodeId: session.nodeId, ids }).catch(() => undefined);
  }

  /** One message from this member's channel; anything malformed is dropped. */
  handle(text: string): void {
    if (text.length > MAX_MESSAGE_BYTES) return;
    const message = parseRecord<RpcMessage>(text);
    if (message && (message.t as string) !== 'req' && message.t !== 'res' && message.t !== 'gone') return this.other(message as unknown as Record<string, unknown>);
    if (!message || typeof message.nodeId !== 'string') return;
    if (message.t === 'req') this.forward(message);
    else if (message.t === 'res' && typeof message.params === 'object' && message.params !== null) this.answer(message.nodeId, message.params, message.refused);
    else if (message.t === 'gone' && Array.isArray(message.ids)) this.gone(message.nodeId, message.ids);
  }

  /** Sends any message to `member`'s channel. */
  sendTo(member: string, message: Record<string, unknown>): Promise<void> {
    return this.publish(member, message);
  }

  private forward(message: Extract<RpcMessage, { t: 'req' }>): void {
    const { payload, event, from, nodeId } = message;
    const id = event === 'node.invoke.request' ? payload?.id : payload?.invokeId;
    if (typeof id !== 'string' || typeof from !== 'string' || (event !== 'node.invoke.request' && event !== 'node.invoke.cancel')) return;
    const session = this.local(nodeId);
    if (event === 'node.invoke.cancel') {
      if (this.forwarded.get(id)?.session === session) this.forget(id);
      if (session?.conn.open) session.conn.targeted(event, { invokeId: id, nodeId });
      return;
    }
    if (!session?.conn.open || this.forwarded.size >= MAX_FORWARDED || this.forwarded.has(id)) {
      void this.publish(from, { t: 'gone', nodeId, ids: [id] }).catch(() => undefined);
      return;
    }
    const timeoutMs = typeof payload.timeoutMs === 'number' && payload.timeoutMs > 0 ? Math.min(payload.timeoutMs, 2 ** 31 - 1 - FORWARD_GRACE_MS) : 0;
    const timer = setTimeout(() => this.forget(id), timeoutMs + FORWARD_GRACE_MS);
    timer.unref();
    this.forwarded.set(id, { from, session, timer });
    try {
      session.conn.targeted(event, { ...payload, nodeId });
    } catch {
      this.forget(id);
      void this.publish(from, { t: 'gone', nodeId, ids: [id] }).catch(() => undefined);
    }
  }

  private answer(nodeId: string, params: InvokeResultParams, refused: unknown): void {
    const session = this.remote(nodeId);
    if (!session || params.nodeId !== nodeId || typeof params.id !== 'string') return;
    if (typeof refused === 'object' && refused !== null) {
      const { url } = refused as { url?: unknown };
      return this.invoker()?.refused(session, params.id, mediaNotUploaded(typeof url === 'string' ? url.slice(0, 2_048) : ''));
    }
    try {
      this.invoker()?.result(session, params);
    } catch {
      // An unreadable payload already failed its call inside result().
    }
  }

  private gone(nodeId: string, ids: unknown[]): void {
    const session = this.remote(nodeId);
    if (!session) return;
    const error = new OpenClawError('DISCONNECTED', `node ${nodeId} disconnected from its gateway`);
    for (const id of ids) if (typeof id === 'string') this.invoker()?.unreadableResult(session, id, error);
  }

  private forget(id: string): void {
    const entry = this.forwarded.get(id);
    if (entry) clearTimeout(entry.timer);
    this.forwarded.delete(id);
  }

  private async publish(member: string, message: unknown): Promise<void> {
    await this.redis.publish(this.keys.rpc(member), JSON.stringify(message));
  }

  /** Forwarded calls held now (leak checks). */
  get size(): number {
    return this.forwarded.size;
  }
}
