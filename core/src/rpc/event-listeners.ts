import type { EventFrame } from '../protocol/frames.js';
import type { AnyEventHandler, EventHandler } from './rpc-peer-options.js';

const NONE: readonly AnyEventHandler[] = [];

/**
 * Event handlers by name plus catch-all handlers. Lists are copied on write, so a handler
 * may unsubscribe (or subscribe) while an event is being dispatched.
 */
export class EventListeners {
  #byName: Map<string, readonly EventHandler[]> | undefined;
  #any: readonly AnyEventHandler[] = NONE;

  on(event: string, handler: EventHandler): () => void {
    const byName = (this.#byName ??= new Map<string, readonly EventHandler[]>());
    byName.set(event, [...(byName.get(event) ?? []), handler]);
    return () => {
      const rest = byName.get(event)?.filter((h) => h !== handler) ?? [];
      if (rest.length === 0) byName.delete(event);
      else byName.set(event, rest);
    };
  }

  onAny(handler: AnyEventHandler): () => void {
    this.#any = [...this.#any, handler];
    return () => {
      this.#any = this.#any.filter((h) => h !== handler);
    };
  }

  /** Calls the named handlers, then the catch-all ones, then `last`; a throwing handler goes to `onError`. */
  dispatch(frame: EventFrame, last: AnyEventHandler | undefined, onError: (err: unknown) => void): void {
    const named = this.#byName?.get(frame.event);
    if (named !== undefined) {
      for (const handler of named) {
        try {
          handler(frame.payload, frame);
        } catch (err) {
          onError(err);
        }
      }
    }
    for (const handler of this.#any) callAny(handler, frame, onError);
    if (last !== undefined) callAny(last, frame, onError);
  }
}

function callAny(handler: AnyEventHandler, frame: EventFrame, onError: (err: unknown) => void): void {
  try {
    handler(frame.event, frame.payload, frame);
  } catch (err) {
    onError(err);
  }
}
