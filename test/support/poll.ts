/**
 * @module
 * The one way a test waits for something to become true: every unit and end-to-end test
 * imports `poll` from here, so a wait never decides a test by how fast the machine is.
 */

// Taken before any test can fake the timers: a wait must run on real time even in a test that
// steps a fake clock, and must not move that clock itself (as `vi.waitFor` does, which also
// gives up on a check still running at its deadline; here every check runs to its end).
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const sleep = (ms: number) => new Promise<void>((resolve) => realSetTimeout(resolve, ms));

/**
 * How long `poll` waits by default, in ms. Generous on purpose: a wait ends as soon as its
 * condition holds, so the limit only decides how long a broken test takes to say so, and a
 * shared 2-core CI machine can be many times slower than a laptop. It stays under the 30 s a
 * test may take, so a failing wait reports what it waited for instead of a bare test timeout.
 */
export const POLL_LIMIT_MS = 20_000;

export interface PollOptions {
  /** Give up after this many ms (default `POLL_LIMIT_MS`); raise it for slow work, never lower it to test speed. */
  timeoutMs?: number;
  /** Ask again this many ms after the previous check ended (default 100). */
  intervalMs?: number;
}

/**
 * Waits until `check` answers something other than `undefined`, and returns that answer.
 * A check that throws counts as "not yet" too; its error is kept, so an `expect` inside the
 * check makes a failure show the last value seen. Checks never overlap, and each one runs to
 * its end, even past the limit.
 *
 * @param check sync or async; called again `intervalMs` after the previous one ended
 * @param what what the test waits for, in words ("the node listed"); it starts the error message
 * @throws Error `<what> did not happen within <timeoutMs> ms; last check: <error, or "no answer yet">`
 * @example const node = await poll(async () => (await listNodes()).find((n) => n.connected), 'the node connected');
 */
export async function poll<T>(check: () => T | undefined | Promise<T | undefined>, what: string, options: PollOptions = {}): Promise<T> {
  const { timeoutMs = POLL_LIMIT_MS, intervalMs = 100 } = options;
  let expired = false;
  const deadline = realSetTimeout(() => (expired = true), timeoutMs);
  try {
    for (;;) {
      let last: unknown;
      try {
        const value = await check();
        if (value !== undefined) return value;
      } catch (err) {
        last = err;
      }
      if (expired) {
        const why = last === undefined ? 'no answer yet' : last instanceof Error ? last.message : String(last);
        throw new Error(`${what} did not happen within ${timeoutMs} ms; last check: ${why}`, { cause: last });
      }
      await sleep(intervalMs);
    }
  } finally {
    realClearTimeout(deadline);
  }
}
