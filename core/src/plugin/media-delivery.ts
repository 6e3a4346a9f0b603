import { randomUUID } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { OpenClawError } from '../errors.js';
import type { DeliveredMedia, InvokeContext, MediaFile } from './contract.js';

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
    const { size } = await stat(file.path);
    const encoded = Math.ceil(size / 3) * 4;
    const room = maxFrameBytes - ENVELOPE_ROOM;
    if (encoded > room) {
      throw new OpenClawError('PAYLOAD_TOO_LARGE', `PAYLOAD_TOO_LARGE: ${file.contentType} of ${size} bytes is ${encoded} bytes as base64, over the ${Math.max(room, 0)} bytes a frame can carry here`, {
        details: { bytes: size, base64Bytes: encoded, limitBytes: Math.max(room, 0) },
      });
    }
    return { base64: (await readFile(file.path)).toString('base64') };
  } finally {
    await rm(file.path, { force: true });
  }
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
