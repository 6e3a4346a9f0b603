import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A write that fails by throwing before it returns a promise, as a serialiser that overflows does. */
function throwingOnce() {
  let calls = 0;
  const write = () => {
    calls += 1;
    if (calls === 1) throw new RangeError('Maximum call stack size exceeded');
    return Promise.resolve();
  };
  return { write, calls: () => calls };
}

describe('GroupCommit', () => {
  it('fails only the commit whose write threw synchronously, then writes again', async () => {
    const w = throwingOnce();
    const commits = new GroupCommit(w.write);
    await expect(commits.commit()).rejects.toThrow('Maximum call stack size exceeded');
    await expect(commits.commit()).resolves.toBeUndefined();
    expect(w.calls()).toBe(2);
  });

  it('lets idle() settle after a synchronous throw', async () => {
    const w = throwingOnce();
    const commits = new GroupCommit(w.write);
    await commits.commit().catch(() => undefined);
    // A wedged idle() spins on microtasks and starves timers, so it races a microtask count.
    const stillWaiting = async () => {
      for (let i = 0; i < 10_000; i++) await Promise.resolve();
      return 'still waiting';
    };
    const outcome = await Promise.race([commits.idle().then(() => 'idle'), stillWaiting()]);
    // A write that succeeds unwedges a spinning idle(), so a failure here ends instead of hanging.
    if (outcome !== 'idle') await commits.commit();
    expect(outcome).toBe('idle');
  });

  it('coalesces commits made during a write into one more write', async () => {
    let release!: () => void;
    let writes = 0;
    const commits = new GroupCommit(() => {
      writes += 1;
      return writes === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    });
    const first = commits.commit();
    await Promise.resolve();
    await Promise.resolve();
    const queued = [commits.commit(), commits.commit(), commits.commit()];
    release();
    await Promise.all([first, ...queued]);
    await commits.idle();
    expect(writes).toBe(2);
  });

  it('fails the commits queued behind a rejected write only through their own write', async () => {
    let writes = 0;
    const commits = new GroupCommit(async () => {
      writes += 1;
      if (writes === 1) throw new Error('disk full');
    });
    const first = commits.commit();
    const second = commits.commit();
    await expect(first).rejects.toThrow('disk full');
    await expect(second).resolves.toBeUndefined();
    await commits.idle();
  });
});
