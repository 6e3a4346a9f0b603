import { timerDelay } from '../protocol/timer-delay.js';
import { OpenClawError } from '../errors/openclaw-error.js';

export interface TickWatchdogHooks {
  /** When the last frame (not a ping) arrived, in epoch ms. */
  lastFrameAt(): number;
  /** True while silence is expected to end on its own (pending requests with deadlines). */
  shouldWait(): boolean;
  /** Called once the silence ran past twice the tick interval. */
  onSilence(cause: OpenClawError): void;
}

/**
 * The reference client's keepalive check: every `max(tickIntervalMs, 1000)` ms, give up
 * when nothing arrived for more than `2 × tickIntervalMs`.
 */
export class TickWatchdog {
  readonly #hooks: TickWatchdogHooks;
  #tickIntervalMs = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(hooks: TickWatchdogHooks) {
    this.#hooks = hooks;
  }

  start(tickIntervalMs: number): void {
    this.stop();
    this.#tickIntervalMs = tickIntervalMs;
    // Unref'd: an open socket keeps the process alive on its own; this timer must never do so.
    // The interval comes from the peer (hello-ok): one past what a timer holds would run every millisecond.
    this.#timer = setInterval(this.#check, Math.max(timerDelay(tickIntervalMs), 1000)).unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  readonly #check = (): void => {
    if (this.#hooks.shouldWait()) return;
    const silentMs = Date.now() - this.#hooks.lastFrameAt();
    if (silentMs <= 2 * this.#tickIntervalMs) return;
    this.stop();
    this.#hooks.onSilence(
      new OpenClawError('TICK_TIMEOUT', `no frame from the peer for ${silentMs} ms (tick interval ${this.#tickIntervalMs} ms)`, {
        details: { silentMs, tickIntervalMs: this.#tickIntervalMs },
      }),
    );
  };
}
