import { randomUUID } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { OpenClawError } from '../errors.js';
import type { DeliveredMedia, InvokeContext, MediaFile } from './contract.js';
import { withTempMediaFile } from './temp-media-file.js';

/** Frame room kept for the rest of a result (`format`, `width`, `durationMs`, the envelope). */
const ENVELOPE_ROOM = 64 * 1024;

/**
 * Delivers `file` inline: reads it, removes it and answers `{base64}`. `maxFrameBytes` is
 * the largest frame the connection carries; the base64 must fit in it with room for the
 * rest of the result. Throws `PAYLOAD_TOO_LARGE` with the size (the file is removed then too).
 *
 * @example
 * const media = await deliverMediaInline({ path, contentType: 'image/jpeg' }, 25 * 1024 * 1024);
 */
export async function deliverMediaInline(file: MediaFile, maxFrameBytes: number): Promise<DeliveredMedia> {
  try {
    return { base64: await readInline(file.path, file.contentType, maxFrameBytes) };
  } finally {
    await rm(file.path, { force: true });
  }
}

/**
 * The file at `path` as base64 when that fits a frame of `maxFrameBytes` with room for the
 * rest of the result; the file stays. Throws `PAYLOAD_TOO_LARGE` with the size otherwise.
 */
export async function readInline(path: string, contentType: string, maxFrameBytes: number): Promise<string> {
  const { size } = await stat(path);
  const encoded = Math.ceil(size / 3) * 4;
  const room = Math.max(maxFrameBytes - ENVELOPE_ROOM, 0);
  if (encoded > room) {
    throw new OpenClawError('PAYLOAD_TOO_LARGE', `PAYLOAD_TOO_LARGE: ${contentType} of ${size} bytes is ${encoded} bytes as base64, over the ${room} bytes a frame can carry here`, {
      details: { bytes: size, base64Bytes: encoded, limitBytes: room },
    });
  }
  return (await readFile(path)).toString('base64');
}

/**
 * `ctx.deliverMedia` for media made in memory (an encoded still): writes `bytes` to a private
 * temp file and hands it to the host, which sends it inline or out of band as for any file.
 *
 * @example
 * return { format: 'png', ...(await deliverMediaBytes(ctx, still.bytes, 'image/png')), width: still.width };
 */
export function deliverMediaBytes(ctx: Pick<InvokeContext, 'deliverMedia'>, bytes: Uint8Array, contentType: string): Promise<DeliveredMedia> {
  return withTempMediaFile(bytes, (path) => ctx.deliverMedia({ path, contentType }));
}

/**
 * An `InvokeContext` for a call made in-process (the gateway's own exec, the CLI's local
 * approvals): no events, nobody to cancel, media inline within `maxFrameBytes`.
 */
export function inlineMediaContext(command: string, maxFrameBytes = 25 * 1024 * 1024): InvokeContext {
  return {
    invokeId: randomUUID(),
    command,
    signal: new AbortController().signal,
    emitEvent: () => undefined,
    deliverMedia: (file) => deliverMediaInline(file, maxFrameBytes),
  };
}
