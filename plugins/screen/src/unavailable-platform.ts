import { screenError } from './errors.js';
import type { AudioInput, ScreenDisplay, ScreenPlatform } from './screen-platform.js';

/** Why a Wayland session cannot be grabbed here, and what to do about it. */
export const WAYLAND_REASON =
  'this is a Wayland session without an X display, and ffmpeg cannot grab Wayland directly; run the node with DISPLAY set to the session\'s XWayland display (apps drawn through XWayland only), or use an X11 session (screen capture through xdg-desktop-portal / PipeWire or wf-recorder is not supported yet)';

/**
 * A platform that cannot capture: a Wayland session, or a host without a display (whose
 * commands the host refuses first with NODE_BACKGROUND_UNAVAILABLE). Fails at once, never hangs.
 */
export class UnavailablePlatform implements ScreenPlatform {
  constructor(
    readonly name: 'wayland' | 'none',
    private readonly reason: string,
  ) {}

  async displays(): Promise<ScreenDisplay[]> {
    throw screenError('SCREEN_UNAVAILABLE', this.reason);
  }

  videoInput(): string[] {
    throw screenError('SCREEN_UNAVAILABLE', this.reason);
  }

  async audioInput(): Promise<AudioInput> {
    return { unavailable: this.reason };
  }
}
