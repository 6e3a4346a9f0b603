/**
 * An `AbortController` made only when its signal is first asked for: most commands
 * (`system.which`) never look at it, and making one with its signal cost about as much as
 * the rest of a small invoke's bookkeeping. Aborted before anyone asked, the signal it then
 * hands out is already aborted with the same reason.
 */
export class LazyAbort {
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  abort(reason: unknown): void {
    if (this.#controller !== undefined) this.#controller.abort(reason);
    else if (!this.#aborted) {
      this.#aborted = true;
      this.#reason = reason;
    }
  }
}
