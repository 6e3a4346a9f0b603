import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { UploadReclaimer } from '../memory-reclaimer.js';

/**
 * Streams `body` into a new file at `path` (mode 0600, created exclusively), never holding
 * more than a chunk in memory, and freeing its socket reads as it goes (`UploadReclaimer`).
 * The body must be exactly `bytes` long and arrive within `windowMs`; otherwise the partial
 * file is removed and `PAYLOAD_TOO_LARGE` (more bytes), `INVALID_REQUEST` (fewer: the sender
 * stopped) or `TIMEOUT` is thrown.
 */
export async function receiveUpload(body: NodeJS.ReadableStream, path: string, bytes: number, windowMs: number): Promise<void> {
  let received = 0;
  const reclaimer = new UploadReclaimer();
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      reclaimer.received(chunk.length);
      if (received > bytes) return done(new OpenClawError('PAYLOAD_TOO_LARGE', `the upload sent more than the ${bytes} bytes its slot declared`, { details: { maxBytes: bytes } }));
      done(null, chunk);
    },
  });
  const signal = AbortSignal.timeout(Math.max(windowMs, 0));
  try {
    await pipeline(body, count, createWriteStream(path, { flags: 'wx', mode: 0o600 }), { signal });
    if (received !== bytes) throw new OpenClawError('INVALID_REQUEST', `the upload ended after ${received} of the ${bytes} bytes its slot declared`, { details: { receivedBytes: received, expectedBytes: bytes } });
  } catch (err) {
    await rm(path, { force: true });
    if (signal.aborted) throw new OpenClawError('TIMEOUT', `the upload did not complete within its slot's window (${received} of ${bytes} bytes arrived)`, { cause: err });
    throw OpenClawError.from(err, 'INVALID_REQUEST');
  }
}
