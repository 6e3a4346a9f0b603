/**
 * @module
 * Calls kept in flight until stopped, each recorded with when it was sent and answered, so a
 * fault case can ask which calls were in flight at a given moment and how they ended.
 */
import { performance } from 'node:perf_hooks';

/**
 * Keeps `inFlight` calls of `call()` waiting (each resolves to a `res` frame or rejects) until
 * `stop()`, or until `maxCalls` have been sent. `stop()` (and `done`, which does not stop it)
 * resolves, once every call has ended, with the records `{ sentAt, doneAt, res?, error? }`
 * (performance.now() ms).
 */
export function keepCalling(call, { inFlight = 32, maxCalls = 1_000_000 } = {}) {
  const records = [];
  let stopped = false;
  const worker = async () => {
    while (!stopped && records.length < maxCalls) {
      const record = { sentAt: performance.now() };
      records.push(record);
      try {
        record.res = await call();
      } catch (err) {
        record.error = err;
      }
      record.doneAt = performance.now();
    }
  };
  const done = Promise.all(Array.from({ length: inFlight }, worker)).then(() => records);
  return {
    records,
    done,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}

/** The wire code of a failed `res` frame: `details.code` when given, else `code`. */
export const codeOf = (res) => res?.error?.details?.code ?? res?.error?.code;
