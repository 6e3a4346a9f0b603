const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` after every earlier call with the same `key` has settled (a promise-chain mutex).
 * Keyed rather than per object so two stores opened on the same file in one process still
 * take turns. A failed call does not block the ones queued behind it.
 */
export function runSerially<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  // Drop the entry once idle so keys of closed stores do not pile up.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
