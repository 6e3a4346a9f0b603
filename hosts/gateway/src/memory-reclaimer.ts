import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async'; flavor?: 'regular' | 'last-resort' }) => void;
let gcFunction: Gc | undefined | null;

/** V8's `gc()`, reached without starting node with --expose-gc; null if unavailable. */
function gc(): Gc | null {
  if (gcFunction === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gcFunction = runInNewContext('gc') as Gc;
    } catch {
      gcFunction = null;
    }
  }
  return gcFunction;
}

/** V8's full collector; null if unavailable. */
function fullGc(): (() => void) | null {
  const collect = gc();
  if (!collect) return null;
  // A plain full collection first: it frees the array buffers that closed sockets' reads
  // left (measured: the 'last-resort' one alone left 12 MB of them to a later collection).
  // 'last-resort' then also shrinks the young generation and returns free pages to the OS.
  return () => {
    collect();
    collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  };
}

/** Bytes of upload between two young-generation collections (`UploadReclaimer`). */
const UPLOAD_SCAVENGE_BYTES = 4 * 1024 * 1024;

/**
 * Frees the socket reads of an upload as it goes. Node reads a socket into a fresh 64 KiB
 * buffer each time; once written to disk it is garbage, but an upload allocates so little on
 * V8's heap that with 2 MiB semi-spaces (the services' node flags) almost no scavenge runs
 * while it lasts, and the reads wait for external-memory pressure to start a full collection
 * every 16–32 MB. Measured on a 40 MB camera clip: the gateway's `[heap]` grew by 0–15 MB per
 * clip (32 MB at p90 on a 60 MB one); with a scavenge (about 1 ms with 2 MiB semi-spaces) after
 * every 4 MiB received, by 0–4 MB.
 */
export class UploadReclaimer {
  private sinceScavenge = 0;

  /** Call with the size of every chunk received. */
  received(bytes: number): void {
    this.sinceScavenge += bytes;
    if (this.sinceScavenge < UPLOAD_SCAVENGE_BYTES) return;
    this.sinceScavenge = 0;
    gc()?.({ type: 'minor' });
  }
}

/**
 * Hands memory back after a connection storm. A thousand nodes reconnecting at once grow
 * V8's heap capacity far beyond what their sessions keep alive (measured: ~25 MB of slack
 * for ~9 MB live), and V8 does not shrink it while the process looks busy. Once connections
 * have settled for `quietMs`, one full collection returns those pages — a pause of a few
 * milliseconds at a moment when nothing is happening. The same goes after a burst of large
 * frames to a peer that stopped reading and was cut off, and after many sockets closed: a
 * flood of malformed frames over 100 sockets left ~50 MB of buffers and answers unreachable
 * but uncollected (external memory, not heap) in a gateway that then went quiet, where V8
 * runs no collection by itself.
 */
export class MemoryReclaimer {
  private churn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly threshold = 64,
    private readonly quietMs = 2_000,
  ) {}

  /** Call for every accepted connection. */
  connectionOpened(): void {
    if (++this.churn < this.threshold) return;
    this.schedule();
  }

  /** Call for every closed connection: what its frames and answers held is garbage now. */
  connectionClosed(): void {
    this.connectionOpened();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.reclaim(), this.quietMs);
    this.timer.unref();
  }

  /**
   * Call when a socket was cut off with its send buffer full (up to `maxBufferedBytes`): the
   * megabytes queued for it, and the large frames that filled it, are garbage now.
   */
  bufferDropped(): void {
    this.schedule();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  private reclaim(): void {
    this.churn = 0;
    fullGc()?.();
  }
}
