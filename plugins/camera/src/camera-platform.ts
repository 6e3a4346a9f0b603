import type { ClipSource } from '@openclaw-nodes/core/media';
import type { CameraPosition } from './options.js';

/** One of the machine's own cameras, as a platform adapter found it. */
export interface PlatformCamera {
  /** Stable within the platform: `/dev/video0`, `avfoundation:0`, `dshow:Integrated Camera`. */
  readonly id: string;
  readonly name: string;
  readonly position: CameraPosition;
  /** `v4l2`, `avfoundation` or `dshow`. */
  readonly deviceType: string;
  /** Capture formats where the platform tells them (V4L2: `mjpeg 1280x720`, ...). */
  readonly formats?: readonly string[];
}

/** What an adapter may use: the host's environment (sanitised for ffmpeg) and the call's signal. */
export interface PlatformContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
  /** Also read each camera's capture formats (costs opening it); only `camera.list` shows them. */
  readonly formats?: boolean;
}

/**
 * One platform's cameras as ffmpeg sees them: how to list them and which ffmpeg input opens
 * each. Adapters only build arguments and read listings; the service runs ffmpeg. One is
 * chosen at registration from the host's platform (`cameraPlatformFor`).
 */
export interface CameraPlatform {
  /** The ffmpeg demuxer the adapter drives (`v4l2`, `avfoundation`, `dshow`). */
  readonly demuxer: string;
  /** The machine's cameras; an empty list when there are none. */
  listCameras(ctx: PlatformContext): Promise<PlatformCamera[]>;
  /** The ffmpeg input that opens `camera`'s video. */
  videoInput(camera: PlatformCamera): ClipSource;
  /** The platform's default microphone as an ffmpeg input, when there is a usable one. */
  defaultAudio(ctx: PlatformContext): Promise<ClipSource | undefined>;
  /** Why this process may not open `camera` (a permission the user can grant), if it may not. */
  accessProblem(camera: PlatformCamera): Promise<string | undefined>;
}

/** DI token of the platform adapter, bound at registration from the host's platform. */
export const CAMERA_PLATFORM = Symbol.for('openclaw.camera.platform');
