import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined | null;

/** V8's full collector, reached without starting node with --expose-gc; null if unavailable. */
function fullGc(): (() => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as (options?: object) => void;
      // A plain full collection first: it frees the array buffers that closed sockets' reads
      // left (measured: the 'last-resort' one alone left 12 MB of them to a later collection).
      // 'last-resort' then also shrinks the young generation and returns free pages to the OS.
      collect = () => {
        gc();
        gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
      };
    } catch {
      collect = null;
    }
  }
  return collect;
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
