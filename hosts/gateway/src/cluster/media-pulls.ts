import { randomBytes } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { RemoteMedia, RemoteMediaPull } from '../media/remote-media.js';
import { MEDIA_WINDOW_BYTES } from './media-holder.js';
import { clusterUnavailable } from './redis-connection.js';
import { windowStream } from './window-stream.js';

/** How long the holder has to answer one window, ms; past it the pull fails. */
const WINDOW_TIMEOUT_MS = 5_000;
/** Pulls running at once on this member, and from any one holder. */
const MAX_PULLS = 32;
const MAX_PULLS_PER_HOLDER = 8;
const CONTENT_TYPE = /^[\w.+-]{1,64}\/[\w.+-]{1,64}$/;
const HOLDER_ERRORS: ReadonlySet<string> = new Set(['MEDIA_NOT_FOUND', 'CLUSTER_UNAVAILABLE']);
const unavailable = (message: string) => new OpenClawError('CLUSTER_UNAVAILABLE', message, { retryable: true });

interface Window { length: number; resolve: (data: Buffer) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }
interface Pull { rid: string; member: string; mediaId: string; bytes?: number; contentType?: string; owner?: { nodeId: string; invokeId: string }; windows: Map<number, Window> }

/**
 * The side of a member that fetches media another member holds, over Redis only (members need
 * no addresses of each other): pull-based, a window (`MEDIA_WINDOW_BYTES`) at a time with a
 * few asked ahead (`windowStream`), each with a deadline. Answers of another shape, size or offset than the
 * window asked, or for no running pull, are dropped.
 */
export class MediaPulls implements RemoteMedia {
  /** Pulls started, and media bytes received, since start. */
  readonly counters = { pulls: 0, pulledBytes: 0 };
  private readonly running = new Map<string, Pull>();

  constructor(
    private readonly memberId: string,
    private readonly send: (member: string, message: Record<string, unknown>) => Promise<void>,
    /** Whether `member` is alive and Redis up now. */
    private readonly reachable: (member: string) => boolean,
  ) {}

  get pulls(): number {
    return this.running.size;
  }

  async open(member: string, mediaId: string): Promise<RemoteMediaPull> {
    if (!this.reachable(member)) throw unavailable(`the gateway holding this media (cluster member ${member}) is not alive, or this gateway cannot reach Redis; the media went with it unless it comes back within its heartbeat`);
    const fromHolder = [...this.running.values()].filter((p) => p.member === member).length;
    if (this.running.size >= MAX_PULLS || fromHolder >= MAX_PULLS_PER_HOLDER) {
      throw unavailable(`this gateway is already fetching ${this.running.size} media files from other gateways (${fromHolder} from that one), the most it does at once; retry shortly`);
    }
    const pull: Pull = { rid: randomBytes(16).toString('base64url'), member, mediaId, windows: new Map() };
    this.running.set(pull.rid, pull);
    this.counters.pulls++;
    try {
      await this.window(pull, 0, 0);
    } catch (err) {
      this.end(pull);
      throw err;
    }
    let taken = false;
    return {
      bytes: pull.bytes!,
      contentType: pull.contentType!,
      ...pull.owner!,
      body: (start, end) => {
        taken = true;
        return windowStream(start, end, (offset, length) => this.window(pull, offset, length), () => this.end(pull));
      },
      close: () => void (taken || this.end(pull)),
    };
  }

  /** One `mdata` message from this member's channel. */
  handle(message: Record<string, unknown>): void {
    const { rid, offset, bytes, type, data, error } = message;
    const pull = typeof rid === 'string' ? this.running.get(rid) : undefined;
    const window = typeof offset === 'number' ? pull?.windows.get(offset) : undefined;
    if (!pull || !window) return;
    if (typeof error === 'string') {
      if (!HOLDER_ERRORS.has(error)) return;
      pull.windows.delete(offset as number);
      clearTimeout(window.timer);
      return window.reject(new OpenClawError(error as 'MEDIA_NOT_FOUND', String(message.message ?? error).slice(0, 300)));
    }
    if (!Number.isSafeInteger(bytes) || typeof type !== 'string' || !CONTENT_TYPE.test(type) || typeof data !== 'string') return;
    if ((pull.bytes !== undefined && bytes !== pull.bytes) || data.length > Math.ceil(MEDIA_WINDOW_BYTES / 3) * 4) return;
    const expected = Math.min(window.length, Math.max((bytes as number) - (offset as number), 0));
    const chunk = Buffer.from(data, 'base64');
    if (chunk.length !== expected) return;
    const { node, invoke } = message;
    const owner = typeof node === 'string' && typeof invoke === 'string' && node.length <= 256 && invoke.length <= 256 ? { nodeId: node, invokeId: invoke } : undefined;
    // The size and type answer says whose upload it was; without that it is no answer.
    if (window.length === 0 && !owner) return;
    if (owner && window.length === 0) pull.owner = owner;
    pull.bytes = bytes as number;
    pull.contentType = type;
    pull.windows.delete(offset as number);
    clearTimeout(window.timer);
    this.counters.pulledBytes += chunk.length;
    window.resolve(chunk);
  }

  /**
   * `member` stopped beating (or, without one, Redis went away): its pulls (every pull) fail
   * now rather than at their window deadlines.
   */
  memberGone(member?: string): void {
    for (const pull of this.running.values()) {
      if (member !== undefined && pull.member !== member) continue;
      const why = member === undefined ? 'this gateway lost its connection to Redis' : `the gateway holding this media (cluster member ${member}) left the cluster`;
      for (const window of pull.windows.values()) window.reject(unavailable(`${why} mid-transfer`));
      this.end(pull);
    }
  }

  /** Asks the holder for `length` bytes at `offset` (0: size and type only). */
  private window(pull: Pull, offset: number, length: number): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        pull.windows.delete(offset);
        reject(unavailable(`the gateway holding this media (cluster member ${pull.member}) did not answer within ${WINDOW_TIMEOUT_MS} ms`));
      }, WINDOW_TIMEOUT_MS);
      pull.windows.set(offset, { length, resolve, reject, timer });
      this.send(pull.member, { t: 'mget', from: this.memberId, rid: pull.rid, id: pull.mediaId, offset, length }).catch((err: unknown) => {
        clearTimeout(timer);
        pull.windows.delete(offset);
        reject(clusterUnavailable(`fetching media from gateway ${pull.member}`, err));
      });
    });
  }

  private end(pull: Pull): void {
    for (const window of pull.windows.values()) clearTimeout(window.timer);
    pull.windows.clear();
    this.running.delete(pull.rid);
  }
}
