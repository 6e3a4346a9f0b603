import { runFfmpeg } from '@openclaw-nodes/core/media';
import type { PlatformContext } from './camera-platform.js';

const LIST_DEVICES_TIMEOUT_MS = 10_000;

/** A device in an ffmpeg `-list_devices true` listing. */
export interface ListedDevice {
  readonly kind: 'video' | 'audio';
  readonly index: number;
  readonly name: string;
}

/**
 * Runs an ffmpeg device listing (`-list_devices true`, which exits 1 once it has printed)
 * and returns its stderr; empty when ffmpeg is missing or does not answer in time.
 */
export async function deviceListing(args: readonly string[], ctx: PlatformContext): Promise<string> {
  try {
    return (await runFfmpeg(['-hide_banner', '-nostdin', ...args], { env: ctx.env, signal: ctx.signal, timeoutMs: LIST_DEVICES_TIMEOUT_MS, okCodes: [0, 1] })).stderr;
  } catch {
    return '';
  }
}
