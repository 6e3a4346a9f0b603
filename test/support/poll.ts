/**
 * @module
 * The one way a test waits for something to become true: every unit and end-to-end test
 * imports `poll` from here, so a wait never decides a test by how fast the machine is.
 */
import { vi } from 'vitest';

/**
 * How long `poll` waits by default, in ms. Generous on purpose: a wait ends as soon as its
 * condition holds, so the limit only decides how long a broken test takes to say so, and a
 * shared 2-core CI machine can be many times slower than a laptop.
 */
export const POLL_LIMIT_MS = 30_000;

export interface PollOptions {
  /** Give up after this many ms (default `POLL_LIMIT_MS`); raise it for slow work, never lower it to test speed. */
  timeoutMs?: number;
  /** Ask again this many ms after the previous check settled (default 100). */
  intervalMs?: number;
}

/**
 * Waits until `check` answers something other than `undefined`, and returns that answer.
 * A check that throws counts as "not yet" too; its error is kept, so an `expect` inside the
 * check makes a failure show the last value seen. Built on `vi.waitFor`, which keeps real
 * timers even in a test that fakes them (and there moves the fake clock on by `intervalMs`
 * before each check, so a test that steps its fake clock itself should not poll meanwhile).
 *
 * @param check sync or async; called again until it answers, never two at once
 * @param what what the test waits for, in words ("the node listed"); it starts the error message
 * @throws Error `<what> did not happen within <timeoutMs> ms; last check: <error, or "no answer yet">`
 * @example const node = await poll(async () => (await listNodes()).find((n) => n.connected), 'the node connected');
 */
export async function poll<T>(check: () => T | undefined | Promise<T | undefined>, what: string, options: PollOptions = {}): Promise<T> {
  const { timeoutMs = POLL_LIMIT_MS, intervalMs = 100 } = options;
  try {
    return await vi.waitFor(
      async () => {
        const value = await check();
        if (value === undefined) throw new Error('no answer yet');
        return value;
      },
      { timeout: timeoutMs, interval: intervalMs },
    );
  } catch (err) {
    const last = err instanceof Error ? err.message : String(err);
    throw new Error(`${what} did not happen within ${timeoutMs} ms; last check: ${last}`, { cause: err });
  }
}
