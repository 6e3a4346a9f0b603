/**
 * Coalesces durable writes: every caller of `commit()` waits for a write that *started after*
 * its change, so a burst of 1,000 pairings costs a handful of fsyncs instead of 1,000, and
 * nothing is acknowledged before it is on disk.
 *
 * A failed write (rejected, or thrown synchronously) fails only the commits waiting on it;
 * the next `commit()` starts a fresh write and `idle()` always settles.
 */
export class GroupCommit {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly write: () => Promise<void>) {}

  commit(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return this.start();
    // A write is in flight and may have snapshotted state before our change: queue one more.
    const queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start();
      });
    this.queued = queued;
    return queued;
  }

  /** Resolves once nothing is being written. */
  async idle(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)?.catch(() => undefined);
  }

  private start(): Promise<void> {
    // The write runs a tick later, so even one that throws synchronously settles *after*
    // `running` points at it, and the cleanup below always finds its own promise.
    const run: Promise<void> = Promise.resolve()
      .then(() => this.write())
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }
}
