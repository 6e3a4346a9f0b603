/**
 * @module
 * The `camera` capability plugin: photos and clips from the machine's cameras (V4L2,
 * AVFoundation, DirectShow) and from configured sources (RTSP/HTTP cameras, files, lavfi),
 * captured with ffmpeg. Off until `plugins.options.camera.enabled: true`.
 */
import { instanceCachingFactory } from '@openclaw-nodes/core/di';
import { HOST_ENV, PLUGIN_OPTIONS, definePlugin, type HostEnvironment } from '@openclaw-nodes/core/plugin';
import { CAMERA_PLATFORM } from './camera-platform.js';
import { removeStaleCaptureDirs } from '@openclaw-nodes/core/media';
import { CAMERA_CAPTURE_PREFIX, CameraService } from './camera-service.js';
import type { ClipParams, SnapParams } from './commands.js';
import { cameraGatewayPlugin } from './gateway.js';
import type { CameraOptions } from './options.js';
import { cameraPlatformFor } from './platform-adapters.js';

/**
 * The plugin object a node host loads.
 *
 * @example
 * // plugins.options.camera: { enabled: true, sources: [{ id: 'test', name: 'Test', format: 'lavfi', input: 'testsrc2=size=320x240:rate=15' }] }
 * host.load([systemPlugin, cameraPlugin]);
 * await host.start();
 * await host.invoke('camera.snap', { deviceId: 'test', maxWidth: 160 }, ctx); // { format: 'jpg', base64: '/9j/…', width: 160, height: 120 }
 */
export const cameraPlugin = definePlugin({
  ...cameraGatewayPlugin,
  node: {
    register(container) {
      container.register(CAMERA_PLATFORM, { useFactory: (c) => cameraPlatformFor(c.resolve<HostEnvironment>(HOST_ENV).platform) });
      container.register(CameraService, {
        // One service per plugin: it counts the captures running.
        useFactory: instanceCachingFactory((c) => new CameraService(c.resolve<CameraOptions>(PLUGIN_OPTIONS), c.resolve(CAMERA_PLATFORM), c.resolve<HostEnvironment>(HOST_ENV))),
      });
    },
    permissions: (container) => container.resolve(CameraService).permissions(),
    // A node killed while it captured left its temp dir (a recording can be large): remove it.
    start: async () => void (await removeStaleCaptureDirs(CAMERA_CAPTURE_PREFIX).catch(() => 0)),
    handlers(container) {
      const camera = container.resolve(CameraService);
      return {
        'camera.list': (_params: unknown, ctx) => camera.list(ctx.signal),
        'camera.snap': (params: SnapParams, ctx) => camera.snap(params, ctx),
        'camera.clip': (params: ClipParams, ctx) => camera.clip(params, ctx),
      };
    },
  },
});

export default cameraPlugin;
export { CameraService } from './camera-service.js';
export { CAMERA_PLATFORM, type CameraPlatform, type PlatformCamera, type PlatformContext } from './camera-platform.js';
export { cameraPlatformFor } from './platform-adapters.js';
export { linuxV4l2, parseV4l2Formats, type V4l2Paths } from './linux-v4l2.js';
export { macosAvfoundation, parseAvfoundationDevices } from './macos-avfoundation.js';
export { windowsDshow, parseDshowDevices } from './windows-dshow.js';
export { snapArgs, clipArgs, type ClipPlan } from './capture-args.js';
export { cameraOptions, type CameraOptions } from './options.js';
export { cameraErrorCodes, cameraError, type CameraErrorCode } from './errors.js';
export { cameraCommands, snapParams, clipParams, CAMERA_LIMITS, type CameraDevice, type SnapResult, type ClipResult } from './commands.js';
