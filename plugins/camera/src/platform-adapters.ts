import type { CameraPlatform } from './camera-platform.js';
import { linuxV4l2 } from './linux-v4l2.js';
import { macosAvfoundation } from './macos-avfoundation.js';
import { windowsDshow } from './windows-dshow.js';

/**
 * The camera adapter for a platform, chosen once at registration: V4L2 on Linux (and other
 * Unix systems with V4L2), AVFoundation on macOS, DirectShow on Windows.
 */
export function cameraPlatformFor(platform: NodeJS.Platform): CameraPlatform {
  if (platform === 'darwin') return macosAvfoundation();
  if (platform === 'win32') return windowsDshow();
  return linuxV4l2();
}
