import { randomBytes } from 'node:crypto';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import type { PluginLog } from '@openclaw-nodes/core/plugin';
import type { PullRequest, RemoteMedia, RemoteMediaPull } from '../media/remote-media.js';
import { MEDIA_WINDOW_BYTES } from './media-holder.js';
import { PullSlots } from './pull-slots.js';
import { clusterUnavailable } from './redis-connection.js';
import { windowStream } from './window-stream.js';

/** How long the holder has to answer one window, ms; past it the pull fails. */
const WINDOW_TIMEOUT_MS = 5_000;
/** Size-only asks (`HEAD`) running at once: they take no pull slot, but are still bounded. */
const MAX_SIZE_ASKS = 64;
/** At most one log line per this many ms about fetches cut short (a hostile client could cause many). */
const CUT_LOG_MS = 10_000;
const CONTENT_TYPE = /^[\w.+-]{1,64}\/[\w.+-]{1,64}$/;
const HOLDER_ERRORS: ReadonlySet<string> = new Set(['MEDIA_NOT_FOUND', 'CLUSTER_UNAVAILABLE']);
const unavailable = (message: string) => new OpenClawError('CLUSTER_UNAVAILABLE', message, { retryable: true });

interface Window { length: number; resolve: (data: Buffer) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }
interface Pull { rid: string; member: string; mediaId: string; bytes?: number; contentType?: string; owner?: { nodeId: string; invokeId: string }; windows: Map<number, Window>; release: () => void }

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
  private readonly slots = new PullSlots();
  private sizeAsks = 0;
  private lastCutLog = 0;
  private cutsUnlogged = 0;
  /** Largest size a holder may claim, bytes (this member's `gateway.media.maxUploadBytes`); bigger answers are dropped. */
  maxBytes = Number.MAX_SAFE_INTEGER;

  constructor(
    private readonly memberId: string,
    private readonly send: (member: string, message: Record<string, unknown>) => Promise<void>,
    /** Whether `member` is alive and Redis up now. */
    private readonly reachable: (member: string) => boolean,
    private readonly log: PluginLog = () => undefined,
  ) {}

  get pulls(): number {
    return this.running.size;
  }

  async open(member: string, mediaId: string, request: PullRequest = {}): Promise<RemoteMediaPull> {
    const { sizeOnly, signal } = request;
    const unreachable = () => unavailable(`the gateway holding this media (cluster member ${member}) is not alive, or this gateway cannot reach Redis; the media went with it unless it comes back within its heartbeat`);
    if (!this.reachable(member)) throw unreachable();
    if (sizeOnly && this.sizeAsks >= MAX_SIZE_ASKS) throw unavailable(`this gateway is already asking other gateways the size of ${this.sizeAsks} media files, the most it does at once; retry in a few seconds`);
    // A HEAD takes no slot: it asks one small answer, and slow readers must not block it.
    const release = sizeOnly ? () => void this.sizeAsks-- : await this.slots.take(member, request.caller, signal);
    if (sizeOnly) this.sizeAsks++;
    if (signal?.aborted) throw (release(), unavailable('the client went away before the fetch started'));
    if (!this.reachable(member)) throw (release(), unreachable());
    const pull: Pull = { rid: randomBytes(16).toString('base64url'), member, mediaId, windows: new Map(), release };
    this.running.set(pull.rid, pull);
    this.counters.pulls++;
    const gone = () => this.end(pull);
    const done = () => (signal?.removeEventListener('abort', gone), this.end(pull));
    signal?.addEventListener('abort', gone, { once: true });
    try {
      await this.window(pull, 0, 0);
    } catch (err) {
      done();
      throw err;
    } finally {
      if (sizeOnly) done();
    }
    let taken = false;
    return {
      bytes: pull.bytes!,
      contentType: pull.contentType!,
      ...pull.owner!,
      body: (start, end, fail) => {
        taken = true;
        const quietly = fail && ((err: Error) => (this.cut(pull, err), fail(err)));
        return windowStream(start, end, (offset, length) => this.window(pull, offset, length), done, { fail: quietly, signal });
      },
      close: () => void (taken || done()),
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
    if (!Number.isSafeInteger(bytes) || (bytes as number) < 0 || (bytes as number) > this.maxBytes || typeof type !== 'string' || !CONTENT_TYPE.test(type) || typeof data !== 'string') return;
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

  /** Ends `pull`: its slot back, its windows still awaited failed (the reader, if any, is gone). */
  private end(pull: Pull): void {
    for (const window of pull.windows.values()) {
      clearTimeout(window.timer);
      window.reject(unavailable('the fetch was ended before the gateway holding this media answered'));
    }
    pull.windows.clear();
    if (this.running.delete(pull.rid)) pull.release();
  }

  /** One log line for a fetch cut short, no stack; at most one per `CUT_LOG_MS`, counting the rest. */
  private cut(pull: Pull, err: Error): void {
    const now = Date.now();
    if (now - this.lastCutLog < CUT_LOG_MS) return void this.cutsUnlogged++;
    const more = this.cutsUnlogged > 0 ? ` (and ${this.cutsUnlogged} more since the last such line)` : '';
    this.log('warn', `media fetch from cluster member ${pull.member} cut short: ${err.message}${more}`, { code: (err as OpenClawError).code, mediaId: pull.mediaId });
    this.lastCutLog = now;
    this.cutsUnlogged = 0;
  }
}
