import { smsError } from './errors.js';

/**
 * Runs modem operations one at a time: a modem (its serial port, its gammu lock) serves one
 * command at once, and a caller who floods the node with sends must not pile up processes.
 * At most `maxWaiting` operations wait behind the running one; more are refused at once with
 * `SMS_UNAVAILABLE` (busy) instead of queueing without end.
 */
export class OneAtATime {
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;

  constructor(private readonly maxWaiting: number) {}

  run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#waiting >= this.maxWaiting) {
      return Promise.reject(smsError('SMS_UNAVAILABLE', `the modem is busy: ${this.#waiting} operations are already waiting; try again later`));
    }
    this.#waiting += 1;
    const run = this.#tail.then(() => {
      this.#waiting -= 1;
      return fn();
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
