import { open, type FileHandle } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { OpenClawError } from '../errors.js';

/** Bytes per read: one syscall per MiB, and few enough buffers that none needs collecting. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Writes the first `bytes` bytes of the file at `path` to `dest`, then ends it, through two
 * buffers reused for the whole file: each is filled again only once `dest` called back for its
 * last write (the socket took the bytes), so the file passes in 2 MiB of memory whatever its
 * size. A fresh buffer per read (what `fs.createReadStream` does) leaves every chunk sent as
 * garbage until V8's next full collection, which external memory alone triggers only every
 * 16–32 MB: the node host's RSS grew by up to 32 MB while it uploaded a 40 MB clip.
 *
 * @throws OpenClawError `NODE_INVOKE_FAILED` when the file holds fewer than `bytes` bytes; the
 * error `dest` or the file read failed with; `signal`'s reason once aborted.
 */
export async function sendFile(dest: Writable, path: string, bytes: number, signal?: AbortSignal): Promise<void> {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw new OpenClawError('INVALID_REQUEST', `not a byte count: ${bytes}`);
  let position = 0;
  // A destroyed destination may never call back for what it held: its error, its close or the
  // signal ends every wait instead, also one for the file to open.
  let stop!: (err: unknown) => void;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  stopped.catch(() => undefined);
  const onError = (err: Error) => stop(err);
  const onClose = () => stop(new OpenClawError('UNAVAILABLE', `the connection closed after ${position} of the file's ${bytes} bytes`));
  const onAbort = () => stop(signal!.reason);
  dest.once('error', onError);
  dest.once('close', onClose);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (dest.destroyed) onClose();
  const opening = open(path, 'r');
  let file: FileHandle | undefined;
  try {
    signal?.throwIfAborted();
    file = await Promise.race([opening, stopped]);
    const size = Math.min(CHUNK_BYTES, Math.max(bytes, 1));
    const buffers = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
    const written: Array<Promise<void>> = [Promise.resolve(), Promise.resolve()];
    for (let turn = 0; position < bytes; turn ^= 1) {
      await Promise.race([written[turn], stopped]);
      const buffer = buffers[turn];
      const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, bytes - position), position);
      if (bytesRead === 0) throw new OpenClawError('NODE_INVOKE_FAILED', `the media file ended after ${position} of its ${bytes} bytes`);
      position += bytesRead;
      written[turn] = new Promise((resolve, reject) => dest.write(buffer.subarray(0, bytesRead), (err) => (err ? reject(err) : resolve())));
      // Awaited before the buffer is filled again; a failure seen earlier through `stopped`.
      written[turn].catch(() => undefined);
    }
    await Promise.race([Promise.all(written), stopped]);
    await Promise.race([new Promise<void>((resolve) => dest.end(resolve)), stopped]);
  } finally {
    dest.off('error', onError);
    dest.off('close', onClose);
    signal?.removeEventListener('abort', onAbort);
    // Opened after all when the wait for it was cut short: closed all the same.
    await (file ?? (await opening.catch(() => undefined)))?.close();
  }
}
