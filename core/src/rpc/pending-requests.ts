import { OpenClawError, type WireError } from '../errors/openclaw-error.js';
import type { ResponseFrame } from '../protocol/frames.js';
import { timerDelay } from '../protocol/timer-delay.js';

const FAILED: WireError = { code: 'UNAVAILABLE', message: 'request failed' };

interface Pending {
  resolve: (payload: unknown) => void;
  reject: (err: OpenClawError) => void;
  timer: NodeJS.Timeout | undefined;
  method: string;
  timeoutMs: number;
}

/**
 * Requests awaiting their response, by id. Each has its own timer (cleared on settle);
 * `Infinity` as timeout means none; a finite one past `MAX_TIMER_MS` waits that long instead
 * of overflowing the timer.
 */
export class PendingRequests {
  readonly #byId = new Map<string, Pending>();
  readonly #send: (text: string) => void;
  #unbounded = 0;

  /** `send` puts an encoded request on the wire. */
  constructor(send: (text: string) => void) {
    this.#send = send;
  }

  get size(): number {
    return this.#byId.size;
  }

  /** True when something is pending and every pending request will time out on its own. */
  get allBounded(): boolean {
    return this.#byId.size > 0 && this.#unbounded === 0;
  }

  /** Registers `id` and sends `text`; the promise settles with the response or a timeout. */
  add<T>(id: string, method: string, timeoutMs: number, text: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = Number.isFinite(timeoutMs) ? setTimeout(this.#onTimeout, timerDelay(timeoutMs), id) : undefined;
      if (timer === undefined) this.#unbounded++;
      this.#byId.set(id, { resolve: resolve as (payload: unknown) => void, reject, timer, method, timeoutMs });
      this.#send(text);
    });
  }

  /** Settles the request `frame` answers; false when none is pending under its id. */
  settle(frame: ResponseFrame): boolean {
    const pending = this.#take(frame.id);
    if (pending === undefined) return false;
    if (frame.ok) pending.resolve(frame.payload);
    else pending.reject(OpenClawError.fromWire(frame.error ?? FAILED));
    return true;
  }

  /** Rejects every pending request with the error `errorFor` builds for its method. */
  rejectAll(errorFor: (method: string) => OpenClawError): void {
    if (this.#byId.size === 0) return;
    const all = [...this.#byId.values()];
    this.#byId.clear();
    this.#unbounded = 0;
    for (const pending of all) {
      if (pending.timer !== undefined) clearTimeout(pending.timer);
      pending.reject(errorFor(pending.method));
    }
  }

  #take(id: string): Pending | undefined {
    const pending = this.#byId.get(id);
    if (pending === undefined) return undefined;
    this.#byId.delete(id);
    if (pending.timer === undefined) this.#unbounded--;
    else clearTimeout(pending.timer);
    return pending;
  }

  readonly #onTimeout = (id: string): void => {
    const pending = this.#take(id);
    if (pending === undefined) return;
    pending.reject(
      new OpenClawError('REQUEST_TIMEOUT', `"${pending.method}" got no answer within ${pending.timeoutMs} ms`, {
        details: { method: pending.method, timeoutMs: pending.timeoutMs },
        retryable: true,
      }),
    );
  };
}
