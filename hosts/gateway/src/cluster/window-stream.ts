import { OpenClawError } from '@openclaw-nodes/core/errors';
import { MEDIA_WINDOW_BYTES } from './media-holder.js';

/** Windows asked ahead of the reader: enough to keep Redis busy, 1 MiB buffered at most. */
const WINDOWS_AHEAD = 4;
/** How long the stream waits for its reader to take the next window before it gives up, ms: a client that stalls frees its pull. */
const IDLE_MS = 15_000;

/** How a window stream ends early: `fail` ends the stream's consumer quietly (an HTTP client: its connection is dropped). */
export interface WindowStreamEnd {
  /** Called once, instead of failing the stream, when a window fails or the reader stalls. */
  fail?: (err: OpenClawError) => void;
  /** Aborted when the reader went away before or while reading: the stream ends at once. */
  signal?: AbortSignal;
}

/**
 * Bytes `start`..`end` (inclusive) as a stream that asks `window(offset, length)` for them a
 * window at a time, a few ahead of the reader and no more (its queue holds nothing: the reader's
 * pace is the pull's). `done` is called once the stream ends, fails, is cancelled, `ends.signal`
 * aborts, or its reader took nothing for 15 s, counted from the stream's creation too (then
 * `REQUEST_TIMEOUT`). A failure goes to `ends.fail` when given, else fails the stream.
 */
export function windowStream(start: number, end: number, window: (offset: number, length: number) => Promise<Buffer>, done: () => void, ends: WindowStreamEnd = {}): ReadableStream<Uint8Array> {
  const ahead: Promise<Buffer>[] = [];
  let next = start;
  let idle: NodeJS.Timeout | undefined;
  let stopped = false;
  const stop = () => {
    clearTimeout(idle);
    ends.signal?.removeEventListener('abort', stop);
    if (!stopped) (stopped = true), done();
  };
  const finish = (controller: ReadableStreamDefaultController<Uint8Array>) => (controller.close(), stop());
  const fail = (controller: ReadableStreamDefaultController<Uint8Array>, err: unknown) => {
    if (stopped) return;
    stop();
    const reason = err instanceof OpenClawError ? err : new OpenClawError('CLUSTER_UNAVAILABLE', String(err));
    if (ends.fail) ends.fail(reason);
    else controller.error(reason);
  };
  const armIdle = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    idle = setTimeout(() => fail(controller, new OpenClawError('REQUEST_TIMEOUT', `the client took no media for ${IDLE_MS} ms; the fetch was ended`)), IDLE_MS);
  };
  if (ends.signal?.aborted) stop();
  else ends.signal?.addEventListener('abort', stop, { once: true });
  return new ReadableStream<Uint8Array>(
    {
      // A reader that never comes (a client gone before the headers) must not hold the pull.
      start: (controller) => void (stopped || armIdle(controller)),
      pull: async (controller) => {
        clearTimeout(idle);
        if (stopped) return;
        while (ahead.length < WINDOWS_AHEAD && next <= end) {
          const length = Math.min(MEDIA_WINDOW_BYTES, end - next + 1);
          const asked = window(next, length);
          // Failures of windows asked ahead surface when the reader gets to them.
          asked.catch(() => undefined);
          ahead.push(asked);
          next += length;
        }
        const first = ahead.shift();
        if (!first) return finish(controller);
        try {
          const chunk = await first;
          if (stopped) return;
          controller.enqueue(new Uint8Array(chunk));
        } catch (err) {
          return fail(controller, err);
        }
        if (ahead.length === 0 && next > end) return finish(controller);
        armIdle(controller);
      },
      cancel: stop,
    },
    { highWaterMark: 0 },
  );
}
