import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { fitStill, probeMedia, makeCaptureDir } from '@openclaw-nodes/core/media';
import type { InvokeContext } from '@openclaw-nodes/core/plugin';
import { captureFailure } from './capture-failure.js';
import type { RecordParams, RecordResult, SnapshotParams, SnapshotResult } from './commands.js';
import { screenError } from './errors.js';
import type { ScreenOptions } from './options.js';
import { recordArgs, snapshotArgs, type ScreenDisplay, type ScreenPlatform, type ToolRunner } from './screen-platform.js';

/** Captures at once past which a node refuses more: each is an ffmpeg encoding in real time. */
/** Capture temp dirs are `<openclaw temp dir>/openclaw-screen-<pid>-*`; the plugin's start removes a killed node's. */
export const SCREEN_CAPTURE_PREFIX = 'openclaw-screen';

export const MAX_CAPTURES = 2;
const SNAPSHOT_TIMEOUT_MS = 15_000;
/**
 * How long a display list is reused. Listing costs several helper processes (about 50 ms);
 * a monitor plugged in shows up this much later at most.
 */
export const DISPLAYS_TTL_MS = 5_000;

/**
 * The node-side work of the `screen` capability over one platform adapter: find the display,
 * run ffmpeg into a private temp dir, probe what it wrote and hand it to the host.
 */
export class ScreenService {
  #running = 0;
  #displays: { list: Promise<ScreenDisplay[]>; at: number } | undefined;

  constructor(
    readonly platform: ScreenPlatform,
    private readonly options: ScreenOptions,
    /** Runs ffmpeg with the node's clean environment (`toolRunner`). */
    private readonly run: ToolRunner,
  ) {}

  /** `screenRecording: true` when the displays can be listed (the grabber can reach them). */
  async permissions(): Promise<Record<string, boolean>> {
    const ok = await this.platform.displays().then((d) => d.length > 0, () => false);
    return { screenRecording: ok };
  }

  /**
   * `screen.record`: a `durationMs` H.264 MP4 of display `screenIndex` at `fps`, with sound
   * when asked and a sound server is there (else `audioUnavailable` says why). Reports the
   * probed length and size. Throws `INVALID_REQUEST` for an index past the displays, and the
   * codes of `captureFailure`.
   */
  record(params: RecordParams, ctx: InvokeContext): Promise<RecordResult> {
    return this.#capture('recording', async (dir) => {
      const [display, audio] = await Promise.all([this.#display(params.screenIndex), params.includeAudio ? this.platform.audioInput(ctx.signal) : undefined]);
      const path = join(dir, 'screen-record.mp4');
      const args = recordArgs(this.platform.videoInput(display, params.fps), audio && 'args' in audio ? audio.args : undefined, {
        durationMs: params.durationMs,
        fps: params.fps,
        output: path,
        maxBytes: this.options.maxRecordingBytes,
      });
      await this.#ffmpeg(args, params.durationMs + this.options.graceMs, ctx.signal, 'recording');
      const info = await probeMedia(path);
      const media = await ctx.deliverMedia({ path, contentType: 'video/mp4' });
      return {
        format: 'mp4',
        ...media,
        durationMs: info.durationMs ?? params.durationMs,
        fps: info.fps ?? params.fps,
        screenIndex: params.screenIndex,
        hasAudio: info.hasAudio,
        width: info.width ?? display.width,
        height: info.height ?? display.height,
        ...(audio && 'unavailable' in audio ? { audioUnavailable: audio.unavailable } : {}),
      };
    });
  }

  /** `screen.snapshot`: one frame of display `screenIndex` as PNG or JPEG, at most `maxWidth` wide. */
  snapshot(params: SnapshotParams, ctx: InvokeContext): Promise<SnapshotResult> {
    return this.#capture('snapshot', async (dir) => {
      const display = await this.#display(params.screenIndex);
      const frame = join(dir, 'frame.png');
      await this.#ffmpeg(snapshotArgs(this.platform.videoInput(display, 5), frame), SNAPSHOT_TIMEOUT_MS, ctx.signal, 'snapshot');
      const still = await fitStill(await readFile(frame), { format: params.format, maxWidth: params.maxWidth, quality: params.quality });
      const path = join(dir, `snapshot.${params.format === 'jpeg' ? 'jpg' : 'png'}`);
      await writeFile(path, still.bytes, { mode: 0o600 });
      const media = await ctx.deliverMedia({ path, contentType: `image/${params.format}` });
      return { format: params.format, ...media, width: still.width, height: still.height, screenIndex: params.screenIndex };
    });
  }

  /**
   * The displays, listed at most every `DISPLAYS_TTL_MS`; a failed listing is not kept. Not
   * tied to one call's signal, since calls share it; each helper has its own short timeout.
   */
  #listDisplays(): Promise<ScreenDisplay[]> {
    const now = Date.now();
    if (this.#displays === undefined || now - this.#displays.at > DISPLAYS_TTL_MS) {
      const list = this.platform.displays();
      this.#displays = { list, at: now };
      list.catch(() => (this.#displays?.list === list ? (this.#displays = undefined) : undefined));
    }
    return this.#displays.list;
  }

  async #display(index: number): Promise<ScreenDisplay> {
    const displays = await this.#listDisplays();
    const display = displays[index];
    if (display === undefined) {
      throw screenError('INVALID_REQUEST', `Invalid screen index ${index} (this node has ${displays.length} display${displays.length === 1 ? '' : 's'}: 0..${displays.length - 1})`, {
        details: { screenIndex: index, displays: displays.length },
      });
    }
    return display;
  }

  async #ffmpeg(args: string[], timeoutMs: number, signal: AbortSignal, what: 'recording' | 'snapshot'): Promise<void> {
    await this.run(this.options.ffmpegPath ?? 'ffmpeg', args, { timeoutMs, signal }).catch((err: unknown) => {
      throw captureFailure(err, what);
    });
  }

  /** Runs one capture in its own private temp dir, removed after, within the concurrency bound. */
  async #capture<T>(what: 'recording' | 'snapshot', work: (dir: string) => Promise<T>): Promise<T> {
    if (this.#running >= MAX_CAPTURES) {
      throw screenError('SCREEN_UNAVAILABLE', `${this.#running} screen captures are already running on this node; try again when one ends`);
    }
    this.#running++;
    const dir = await makeCaptureDir(SCREEN_CAPTURE_PREFIX);
    try {
      return await work(dir);
    } catch (err) {
      throw err instanceof OpenClawError ? err : captureFailure(err, what);
    } finally {
      this.#running--;
      await rm(dir, { recursive: true, force: true });
    }
  }
}
