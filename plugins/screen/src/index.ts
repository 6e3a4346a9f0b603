/**
 * @module
 * The `screen` capability plugin: `screen.record` (an H.264 MP4 of a display, with sound
 * when a sound server is there) and `screen.snapshot` (one frame as PNG or JPEG), captured
 * with ffmpeg through one adapter per platform: x11grab on X11, avfoundation on macOS,
 * gdigrab/dshow on Windows.
 */
import { instanceCachingFactory } from '@openclaw-nodes/core/di';
import { HOST_ENV, PLUGIN_OPTIONS, definePlugin, type HostEnvironment } from '@openclaw-nodes/core/plugin';
import type { RecordParams, SnapshotParams } from './commands.js';
import { screenGatewayPlugin } from './gateway.js';
import type { ScreenOptions } from './options.js';
import { removeStaleCaptureDirs } from '@openclaw-nodes/core/media';
import { SCREEN_CAPTURE_PREFIX, ScreenService } from './screen-service.js';
import { selectScreenPlatform, toolRunner } from './select-platform.js';

/**
 * The plugin object a desktop node host loads.
 *
 * @example
 * host.load([systemPlugin, screenPlugin]);
 * await host.start();
 * await host.invoke('screen.record', { durationMs: 3000, fps: 10, includeAudio: false }, ctx);
 * // { format: 'mp4', base64: 'AAAA…', durationMs: 3000, fps: 10, screenIndex: 0, hasAudio: false, width: 1280, height: 800 }
 */
export const screenPlugin = definePlugin({
  ...screenGatewayPlugin,
  node: {
    register(container) {
      container.register(ScreenService, {
        useFactory: instanceCachingFactory((c) => {
          const hostEnv = c.resolve<HostEnvironment>(HOST_ENV);
          const options = c.resolve<ScreenOptions>(PLUGIN_OPTIONS);
          const run = toolRunner(hostEnv);
          return new ScreenService(selectScreenPlatform(hostEnv, options, run), options, run);
        }),
      });
    },
    permissions: (container) => container.resolve(ScreenService).permissions(),
    // A node killed while it captured left its temp dir (a recording can be large): remove it.
    start: async () => void (await removeStaleCaptureDirs(SCREEN_CAPTURE_PREFIX).catch(() => 0)),
    handlers(container) {
      const screen = container.resolve(ScreenService);
      return {
        'screen.record': (params: RecordParams, ctx) => screen.record(params, ctx),
        'screen.snapshot': (params: SnapshotParams, ctx) => screen.snapshot(params, ctx),
      };
    },
  },
});

export default screenPlugin;
export { ScreenService, MAX_CAPTURES } from './screen-service.js';
export { selectScreenPlatform, toolRunner } from './select-platform.js';
export { recordArgs, snapshotArgs, type ScreenDisplay, type ScreenPlatform, type AudioInput, type ToolRunner } from './screen-platform.js';
export { X11Platform, x11VideoInput } from './x11-platform.js';
export { MacosPlatform, macosVideoInput, parseAvfoundationScreens } from './macos-platform.js';
export { WindowsPlatform, windowsVideoInput, parseWindowsScreens, LIST_SCREENS_SCRIPT } from './windows-platform.js';
export { UnavailablePlatform, WAYLAND_REASON } from './unavailable-platform.js';
export { parseListMonitors, parseRootSize, parseScreenCount } from './x11-monitors.js';
export { screenOptions, type ScreenOptions } from './options.js';
export { screenErrorCodes, screenError, type ScreenErrorCode } from './errors.js';
export { screenCommands, recordParams, snapshotParams, RECORD_LIMITS, type RecordParams, type RecordResult, type SnapshotParams, type SnapshotResult } from './commands.js';
export { screenGatewayPlugin, screenRecordMedia, screenSnapshotMedia } from './gateway.js';
