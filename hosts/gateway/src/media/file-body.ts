import { open, type FileHandle } from 'node:fs/promises';

/** Read size: large chunks cost the web stream under the response far fewer steps per megabyte. */
const CHUNK_BYTES = 1024 * 1024;

/** What `fileBody` needs to know of the response it feeds: the bytes it still holds unsent. */
export interface ResponseBacklog {
  readonly writableLength: number;
}

/**
 * Bytes `start`..`end` (inclusive) of the file at `path` as a response body, read through three
 * buffers that take turns, so a file of any size passes in 3 MiB. A fresh buffer per chunk (what
 * `fs.createReadStream` does) leaves each one sent as garbage until a full collection, which
 * external memory alone triggers only every 16–32 MB: the gateway's RSS grew by up to 32 MB
 * serving a 40 MB clip.
 *
 * When is a buffer free again? @hono/node-server (1.19, pinned) writes each chunk to the
 * response before it asks for the next (waiting for a drain when the response is full), and
 * the response sends in order. So when chunk n+3 is asked for, chunk n+1 was written already;
 * if `response` still held any of chunk n's bytes, it would hold all of chunk n+1's too, and a
 * backlog no larger than chunk n+1 means chunk n is out: its buffer takes chunk n+3. Otherwise, or without
 * `response`, the chunk gets a buffer of its own. A consumer that reads ahead of what it
 * writes (`pipeTo` into `Writable.toWeb`) breaks that premise: serve such a one without
 * `response`.
 *
 * The file is opened on the first read and closed at the end, on a read error and on cancel.
 */
export function fileBody(path: string, start: number, end: number, response?: ResponseBacklog): ReadableStream<Uint8Array> {
  // A file of no bytes (start 0, end -1): nothing to open.
  if (end < start) return new ReadableStream({ start: (controller) => controller.close() });
  let file: FileHandle | undefined;
  let position = start;
  let chunk = 0;
  const size = Math.max(Math.min(CHUNK_BYTES, end - start + 1), 1);
  /** The buffer and length of the last three chunks, by chunk number modulo 3. */
  const buffers: Buffer[] = [];
  const lengths: number[] = [];
  const close = () => {
    const handle = file;
    file = undefined;
    return handle?.close().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          file ??= await open(path, 'r');
          const slot = chunk % 3;
          const free = chunk >= 3 && response !== undefined && response.writableLength <= lengths[(chunk - 2) % 3];
          const buffer = free ? buffers[slot] : (buffers[slot] = Buffer.allocUnsafeSlow(size));
          const { bytesRead } = await file.read(buffer, 0, Math.min(size, end - position + 1), position);
          if (bytesRead === 0) throw new Error(`the stored file ended at byte ${position}, before byte ${end}`);
          position += bytesRead;
          lengths[slot] = bytesRead;
          chunk++;
          controller.enqueue(buffer.subarray(0, bytesRead));
          if (position > end) {
            await close();
            controller.close();
          }
        } catch (err) {
          await close();
          controller.error(err);
        }
      },
      cancel: () => close(),
    },
    { highWaterMark: 1 },
  );
}
