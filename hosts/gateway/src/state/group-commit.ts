/**
 * Coalesces durable writes: every caller of `commit()` waits for a write that *started after*
 * its change, so a burst of 1,000 pairings costs a handful of fsyncs instead of 1,000, and
 * nothing is acknowledged before it is on disk.
 */
export class GroupCommit {
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  constructor(private readonly write: () => Promise<void>) {}

  commit(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.running) return (this.running = this.run());
    // A write is in flight and may have snapshotted state before our change: queue one more.
    const after = this.running.catch(() => undefined);
    this.queued = after.then(() => {
      this.queued = undefined;
      return (this.running = this.run());
    });
    return this.queued;
  }

  /** Resolves once nothing is being written. */
  async idle(): Promise<void> {
    while (this.running || this.queued) await (this.queued ?? this.running)?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    try {
      await this.write();
    } finally {
      this.running = undefined;
    }
  }
}
