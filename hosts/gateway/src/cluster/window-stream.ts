import { OpenClawError } from '@openclaw-nodes/core/errors';
import { MEDIA_WINDOW_BYTES } from './media-holder.js';

/** Windows asked ahead of the reader: enough to keep Redis busy, 1 MiB buffered at most. */
const WINDOWS_AHEAD = 4;
/** How long the stream waits for its reader to take the next window before it gives up, ms: a client that stalls frees its pull. */
const IDLE_MS = 15_000;

/**
 * Bytes `start`..`end` (inclusive) as a stream that asks `window(offset, length)` for them a
 * window at a time, a few ahead of the reader and no more (its queue holds nothing: the reader's
 * pace is the pull's). `done` is called once the stream ends, fails, is cancelled, or its
 * reader took nothing for 15 s (the stream then fails `CLUSTER_UNAVAILABLE`).
 */
export function windowStream(start: number, end: number, window: (offset: number, length: number) => Promise<Buffer>, done: () => void): ReadableStream<Uint8Array> {
  const ahead: Promise<Buffer>[] = [];
  let next = start;
  let idle: NodeJS.Timeout | undefined;
  const stop = () => (clearTimeout(idle), done());
  const finish = (controller: ReadableStreamDefaultController<Uint8Array>) => (controller.close(), stop());
  return new ReadableStream<Uint8Array>(
    {
      pull: async (controller) => {
        clearTimeout(idle);
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
          controller.enqueue(new Uint8Array(await first));
        } catch (err) {
          stop();
          return controller.error(err);
        }
        if (ahead.length === 0 && next > end) return finish(controller);
        idle = setTimeout(() => {
          stop();
          controller.error(new OpenClawError('CLUSTER_UNAVAILABLE', `the client took no media for ${IDLE_MS} ms; the fetch was ended`));
        }, IDLE_MS);
      },
      cancel: stop,
    },
    { highWaterMark: 0 },
  );
}
