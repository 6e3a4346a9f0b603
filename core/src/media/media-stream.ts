import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OpenClawError } from '../errors/openclaw-error.js';
import { mediaFileName, writeFailed } from './media-file.js';
import { openclawTempDir, type TempDirFacts } from './temp-dir.js';

export interface MediaStreamOptions {
  /** Bytes written at most; more fails with `PAYLOAD_TOO_LARGE` and the partial file is removed. */
  maxBytes: number;
  /** Told the running byte count after each chunk (a progress line). */
  onBytes?: (written: number) => void;
  facts?: TempDirFacts;
}

/**
 * `writeMediaFile` for media that arrives as a stream (a download): written chunk by chunk
 * to a new private file `<prefix>-<uuid>.<ext>` in the OpenClaw temp dir (mode 0600,
 * created exclusively), never held whole. On any failure the partial file is removed and
 * `PAYLOAD_TOO_LARGE` (past `maxBytes`) or `MEDIA_WRITE_FAILED` is thrown. Returns the path.
 *
 * @example
 * const path = await writeMediaStream(response, 'openclaw-screen-record', 'mp4', { maxBytes: 250 * 1024 * 1024 });
 */
export async function writeMediaStream(source: Readable, prefix: string, ext: string, options: MediaStreamOptions): Promise<string> {
  const name = mediaFileName(prefix, ext);
  let written = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      if (written > options.maxBytes) return done(new OpenClawError('PAYLOAD_TOO_LARGE', `the media is over the ${options.maxBytes} bytes the CLI downloads`, { details: { maxBytes: options.maxBytes } }));
      options.onBytes?.(written);
      done(null, chunk);
    },
  });
  let path: string | undefined;
  try {
    path = join(openclawTempDir(options.facts), name);
    await pipeline(source, count, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    return path;
  } catch (err) {
    if (path !== undefined) await rm(path, { force: true });
    throw err instanceof OpenClawError ? err : writeFailed(name, err);
  }
}
