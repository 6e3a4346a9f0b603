import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryReclaimer } from './memory-reclaimer.js';

const MB = 1024 * 1024;
afterEach(() => {
  vi.useRealTimers();
});

/** What a flood's reads leave behind: many 64 KiB buffers that nothing refers to once this returns. */
function dropReadBuffers(): number {
  const before = process.memoryUsage().arrayBuffers;
  const reads = Array.from({ length: 400 }, () => Buffer.allocUnsafeSlow(64 * 1024));
  return reads.length > 0 ? process.memoryUsage().arrayBuffers - before : 0;
}

describe('MemoryReclaimer', () => {
  it('frees the buffers of closed sockets once closes have been quiet for quietMs', () => {
    vi.useFakeTimers();
    const reclaimer = new MemoryReclaimer(8, 2_000);
    const before = process.memoryUsage().arrayBuffers;
    expect(dropReadBuffers()).toBeGreaterThan(20 * MB);
    for (let i = 0; i < 8; i++) reclaimer.connectionClosed();
    vi.advanceTimersByTime(1_999);
    expect(process.memoryUsage().arrayBuffers - before).toBeGreaterThan(20 * MB);
    // The collection runs synchronously in the timer: nothing else had a chance to collect.
    vi.advanceTimersByTime(1);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(5 * MB);
    reclaimer.stop();
  });
});
