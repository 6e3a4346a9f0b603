import { rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OpenClawError } from '@openclaw-nodes/core/errors';
import { fitStill, probeMedia, runFfmpeg, makeCaptureDir } from '@openclaw-nodes/core/media';
import type { HostEnvironment, InvokeContext } from '@openclaw-nodes/core/plugin';
import { listCameras, pickCamera, type CameraEntry } from './camera-catalog.js';
import type { CameraPlatform } from './camera-platform.js';
import { captureFailure } from './capture-failure.js';
import { clipArgs, snapArgs } from './capture-args.js';
import type { CameraDevice, ClipParams, ClipResult, SnapParams, SnapResult } from './commands.js';
import { cameraError } from './errors.js';
import type { CameraOptions } from './options.js';

/** Captures at once; each holds a camera and an ffmpeg process (a V4L2 camera opens once anyway). */
/** Capture temp dirs are `<openclaw temp dir>/openclaw-camera-<pid>-*`; the plugin's start removes a killed node's. */
export const CAMERA_CAPTURE_PREFIX = 'openclaw-camera';

const MAX_CAPTURES = 2;
/** One frame as PNG: an 8K frame of noise stays under this; a source that sends more is refused, not buffered. */
const MAX_FRAME_BYTES = 128 * 1024 * 1024;
/** A clip has this long past its duration to be muxed and probed. */
const CLIP_GRACE_MS = 15_000;

/**
 * The node-side work of the camera plugin: lists the cameras, takes photos and records clips
 * with ffmpeg (children with a clean environment, killed on cancel and timeout), and hands
 * the files to the host's media delivery.
 */
export class CameraService {
  #captures = 0;

  constructor(
    private readonly options: CameraOptions,
    private readonly platform: CameraPlatform,
    private readonly hostEnv: HostEnvironment,
  ) {}

  /** `camera.capture` and `microphone`: whether a photo, and sound with a clip, can be had at all. */
  async permissions(): Promise<Record<string, boolean>> {
    if (!this.options.enabled) return { 'camera.capture': false, microphone: false };
    const cameras = await this.#cameras();
    const usable = await Promise.all(cameras.map(async (c) => c.platform === undefined || (await this.platform.accessProblem(c.platform)) === undefined));
    return { 'camera.capture': usable.includes(true), microphone: cameras.some((c) => typeof c.audio === 'object') };
  }

  async list(signal?: AbortSignal): Promise<{ devices: CameraDevice[] }> {
    this.#enabled();
    return { devices: (await this.#cameras(signal, true)).map((c) => c.device) };
  }

  async snap(params: SnapParams, ctx: InvokeContext): Promise<SnapResult> {
    this.#enabled();
    const camera = await this.#pick(params.deviceId, params.facing, ctx.signal);
    const timeoutMs = this.options.openTimeoutMs + params.delayMs;
    return this.#capture(async (dir) => {
      let frame: Buffer;
      try {
        frame = (await runFfmpeg(snapArgs(camera.video, params.delayMs), { env: this.hostEnv.env, timeoutMs, signal: ctx.signal, maxStdoutBytes: MAX_FRAME_BYTES })).stdout;
      } catch (err) {
        throw captureFailure(err, camera, undefined, timeoutMs);
      }
      if (frame.length === 0) throw cameraError('CAMERA_UNAVAILABLE', `${camera.device.name} gave no picture`);
      const still = await fitStill(frame, { format: 'jpeg', maxWidth: params.maxWidth, quality: params.quality, minQuality: 0.05 });
      const path = join(dir, 'snap.jpg');
      await writeFile(path, still.bytes, { mode: 0o600 });
      return { format: 'jpg', ...(await ctx.deliverMedia({ path, contentType: 'image/jpeg' })), width: still.width, height: still.height };
    });
  }

  async clip(params: ClipParams, ctx: InvokeContext): Promise<ClipResult> {
    this.#enabled();
    const camera = await this.#pick(params.deviceId, params.facing, ctx.signal);
    const audio = params.includeAudio ? (camera.audio ?? 'none') : 'none';
    const timeoutMs = this.options.openTimeoutMs + params.durationMs + CLIP_GRACE_MS;
    return this.#capture(async (dir) => {
      const output = join(dir, 'clip.mp4');
      const args = clipArgs({ video: camera.video, audio, durationMs: params.durationMs, maxBytes: this.options.maxClipBytes, output, copyVideo: camera.copyVideo });
      try {
        await runFfmpeg(args, { env: this.hostEnv.env, timeoutMs, signal: ctx.signal });
      } catch (err) {
        throw captureFailure(err, camera, typeof audio === 'object' ? audio : undefined, timeoutMs);
      }
      const { size } = await stat(output);
      // ffmpeg's -fs stops at the cap and leaves a clip shorter than asked; say so rather than ship it.
      if (size >= this.options.maxClipBytes * 0.98) {
        throw new OpenClawError('MEDIA_BUDGET_EXCEEDED', `the clip reached the ${this.options.maxClipBytes}-byte limit (plugins.options.camera.maxClipBytes) before ${params.durationMs} ms; record less`, { details: { bytes: size, budget: this.options.maxClipBytes } });
      }
      const info = await probeMedia(output, { env: this.hostEnv.env, signal: ctx.signal });
      if (camera.copyVideo === true && info.videoCodec !== 'h264') {
        throw cameraError('CAMERA_UNAVAILABLE', `${camera.device.name} sends ${info.videoCodec ?? 'no'} video, not H.264; remove copyVideo from its source in plugins.options.camera.sources`);
      }
      const reason = audioReason(params.includeAudio, info.hasAudio, camera);
      const media = await ctx.deliverMedia({ path: output, contentType: 'video/mp4' });
      return { format: 'mp4', ...media, durationMs: info.durationMs ?? params.durationMs, hasAudio: info.hasAudio, ...(reason === undefined ? {} : { audioReason: reason }) };
    });
  }

  #enabled(): void {
    if (!this.options.enabled) throw cameraError('CAMERA_DISABLED', 'enable the camera in plugins.options.camera.enabled on this node');
  }

  #cameras(signal?: AbortSignal, formats = false): Promise<CameraEntry[]> {
    return listCameras(this.options, this.platform, { env: this.hostEnv.env, signal, formats });
  }

  async #pick(deviceId: string | undefined, facing: 'front' | 'back', signal: AbortSignal): Promise<CameraEntry> {
    const camera = pickCamera(await this.#cameras(signal), deviceId, facing);
    const problem = camera.platform === undefined ? undefined : await this.platform.accessProblem(camera.platform);
    if (problem !== undefined) throw cameraError('CAMERA_PERMISSION_REQUIRED', problem);
    return camera;
  }

  /** Runs one capture in a private temp dir, removed afterwards; refuses past `MAX_CAPTURES` at once. */
  async #capture<T>(work: (dir: string) => Promise<T>): Promise<T> {
    if (this.#captures >= MAX_CAPTURES) throw cameraError('CAMERA_UNAVAILABLE', `the camera is busy with ${this.#captures} captures; try again when they finish`);
    this.#captures++;
    let dir: string | undefined;
    try {
      dir = await makeCaptureDir(CAMERA_CAPTURE_PREFIX);
      return await work(dir);
    } finally {
      this.#captures--;
      if (dir !== undefined) await rm(dir, { recursive: true, force: true });
    }
  }
}

function audioReason(asked: boolean, got: boolean, camera: CameraEntry): string | undefined {
  if (!asked || got) return undefined;
  if (camera.audio === 'source') return `${camera.device.name} has no audio stream and no audio input is configured for it (sources[].audio)`;
  return 'no microphone: configure plugins.options.camera.audio (e.g. {"format":"pulse","input":"default"})';
}
