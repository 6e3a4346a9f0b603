import { statfs } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

/** The `node.host.stats` payload a node publishes every minute. */
export async function hostStats(dir: string): Promise<Record<string, unknown>> {
  const stats: Record<string, unknown> = {
    cpuCount: cpus().length,
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    memoryTotalBytes: totalmem(),
    memoryFreeBytes: freemem(),
  };
  try {
    const fs = await statfs(dir);
    stats.diskTotalBytes = fs.blocks * fs.bsize;
    stats.diskAvailableBytes = fs.bavail * fs.bsize;
  } catch {
    // A state dir on an exotic filesystem just reports no disk figures.
  }
  return stats;
}
