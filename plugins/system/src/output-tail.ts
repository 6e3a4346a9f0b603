/** Marks text whose beginning was cut off, as the real node host does. */
export const TRUNCATED_PREFIX = '... (truncated) ';

/**
 * Keeps the last `cap` bytes of a stream while counting all of them, so a command that
 * prints gigabytes costs `cap` bytes of memory. The tail is what matters: errors and
 * summaries come last.
 */
export class OutputTail {
  private chunks: Buffer[] = [];
  private kept = 0;
  /** Every byte the stream produced. */
  total = 0;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (this.kept - this.chunks[0].length >= this.cap) this.kept -= this.chunks.shift()!.length;
  }

  /** The last `limit` bytes (at most the cap) as text, with the marker when anything was dropped. */
  text(limit: number = this.cap): string {
    const all = Buffer.concat(this.chunks);
    const keep = Math.min(limit, this.cap, all.length);
    if (keep >= this.total) return all.toString('utf8');
    let start = all.length - keep;
    // Never start inside a UTF-8 sequence: skip continuation bytes.
    while (start < all.length && (all[start] & 0xc0) === 0x80) start++;
    return TRUNCATED_PREFIX + all.subarray(start).toString('utf8');
  }
}

/**
 * Shares one byte budget between stdout and stderr: stderr keeps up to half of it (or all it
 * needs when stdout needs less), stdout the rest.
 */
export function splitBudget(stdoutBytes: number, stderrBytes: number, budget: number): { stdout: number; stderr: number } {
  if (stdoutBytes + stderrBytes <= budget) return { stdout: stdoutBytes, stderr: stderrBytes };
  const stdout = Math.min(stdoutBytes, budget - Math.min(stderrBytes, Math.floor(budget / 2)));
  return { stdout, stderr: Math.min(stderrBytes, budget - stdout) };
}
