import type { SmsModem } from './sms-modem.js';

/**
 * Which modem the sms plugin uses now: the first candidate (ModemManager, then gammu) whose
 * modem answers. Looked for again whenever a candidate's watch says a modem may have come or
 * gone; those looks run one at a time, and any number of changes during one make one more look,
 * so a flood of device events cannot pile up modem probes.
 */
export class ModemPresence {
  #modem: SmsModem | undefined;
  #reason = 'no modem was looked for yet';
  #looking = false;
  #again = false;
  #closed = false;
  readonly #unwatch: Array<() => void> = [];

  constructor(private readonly candidates: readonly SmsModem[]) {}

  /** The modem found by the last look, if any. */
  get modem(): SmsModem | undefined {
    return this.#modem;
  }

  /** Why the last look found none (each candidate's reason, joined). */
  get reason(): string {
    return this.#reason;
  }

  /**
   * Asks each candidate in turn and keeps the first that answers. Never throws.
   * @returns whether a modem answers.
   */
  async find(signal?: AbortSignal): Promise<boolean> {
    const reasons: string[] = [];
    for (const candidate of this.candidates) {
      const reason = await candidate.unavailableReason(signal);
      if (reason === undefined) {
        this.#modem = candidate;
        return true;
      }
      reasons.push(reason);
    }
    this.#modem = undefined;
    this.#reason = reasons.join('; ');
    return false;
  }

  /** Watches every candidate until `close()`; calls `onChange` when a look finds a different modem (or none). */
  watch(onChange: () => void): void {
    for (const candidate of this.candidates) {
      const stop = candidate.watch?.(() => void this.#lookAgain(onChange));
      if (stop !== undefined) this.#unwatch.push(stop);
    }
  }

  close(): void {
    this.#closed = true;
    for (const stop of this.#unwatch.splice(0)) stop();
    for (const candidate of this.candidates) candidate.close?.();
  }

  async #lookAgain(onChange: () => void): Promise<void> {
    if (this.#looking) {
      this.#again = true;
      return;
    }
    this.#looking = true;
    try {
      do {
        this.#again = false;
        const before = this.#modem;
        await this.find();
        if (!this.#closed && this.#modem !== before) onChange();
      } while (this.#again && !this.#closed);
    } finally {
      this.#looking = false;
    }
  }
}
