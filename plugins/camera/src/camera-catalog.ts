import type { ClipSource } from '@openclaw-nodes/core/media';
import type { CameraPlatform, PlatformCamera, PlatformContext } from './camera-platform.js';
import type { CameraDevice } from './commands.js';
import { cameraError } from './errors.js';
import type { CameraOptions, CameraSourceConfig, FfmpegInputConfig } from './options.js';

/** A camera this node can open: what `camera.list` shows, and the ffmpeg inputs behind it. */
export interface CameraEntry {
  readonly device: CameraDevice;
  readonly video: ClipSource;
  /** Where its sound comes from: a second input, or `source` (the video input's own audio stream, if any). */
  readonly audio?: ClipSource | 'source';
  /** Set for the machine's own cameras (checked for permission before opening). */
  readonly platform?: PlatformCamera;
  /** Clips keep the source's H.264 video as it is (a configured source's `copyVideo`). */
  readonly copyVideo?: boolean;
}

const toSource = ({ input, format, inputOptions }: FfmpegInputConfig): ClipSource => ({ input, format, options: inputOptions });

function configured(source: CameraSourceConfig): CameraEntry {
  return {
    device: { id: source.id, name: source.name, position: source.position, deviceType: 'configured' },
    video: toSource(source),
    audio: source.audio === undefined ? 'source' : toSource(source.audio),
    copyVideo: source.copyVideo,
  };
}

/**
 * Every camera of this node: the configured sources first, then (unless `devices: false`)
 * the platform's own, which use the configured `audio` or the platform's default microphone.
 */
export async function listCameras(options: CameraOptions, platform: CameraPlatform, ctx: PlatformContext): Promise<CameraEntry[]> {
  const entries = options.sources.map(configured);
  if (!options.devices) return entries;
  const own = await platform.listCameras(ctx);
  const mic = options.audio === undefined ? await platform.defaultAudio(ctx) : toSource(options.audio);
  const taken = new Set(entries.map((e) => e.device.id));
  for (const camera of own) {
    if (taken.has(camera.id)) continue;
    const { formats, ...device } = camera;
    entries.push({ device: formats === undefined ? device : { ...device, formats: [...formats] }, video: platform.videoInput(camera), audio: mic, platform: camera });
  }
  return entries;
}

/**
 * The camera a call means: `deviceId` exactly (an unknown id is `INVALID_REQUEST`: a caller
 * only ever names a listed camera, never an ffmpeg input of its own), else the first camera
 * facing `facing`, else the first whose position is unspecified (a webcam or network camera
 * faces whichever way it was set up). `CAMERA_UNAVAILABLE` when there is none.
 */
export function pickCamera(entries: readonly CameraEntry[], deviceId: string | undefined, facing: 'front' | 'back'): CameraEntry {
  if (entries.length === 0) {
    throw cameraError('CAMERA_UNAVAILABLE', 'this node has no camera: connect one, or configure plugins.options.camera.sources (an RTSP/HTTP camera, a file or a lavfi source)');
  }
  if (deviceId !== undefined) {
    const entry = entries.find((e) => e.device.id === deviceId);
    if (entry !== undefined) return entry;
    const known = entries.map((e) => e.device.id).slice(0, 10).join(', ');
    throw cameraError('INVALID_REQUEST', `unknown deviceId ${JSON.stringify(deviceId.slice(0, 80))} (known: ${known})`);
  }
  const entry = entries.find((e) => e.device.position === facing) ?? entries.find((e) => e.device.position === 'unspecified');
  if (entry !== undefined) return entry;
  throw cameraError('CAMERA_UNAVAILABLE', `this node has no ${facing} camera (cameras: ${entries.map((e) => `${e.device.id} ${e.device.position}`).join(', ')})`);
}
