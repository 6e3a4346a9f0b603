import { OpenClawError } from '@openclaw-nodes/core/errors';
import { screenError } from './errors.js';
import { LIVE_INPUT, type AudioInput, type ScreenDisplay, type ScreenPlatform, type ToolRunner } from './screen-platform.js';

// `[AVFoundation indev @ 0x7f…] [3] Capture screen 0`: device index and name.
const SCREEN_DEVICE = /\[AVFoundation[^\]]*\]\s+\[(\d+)\]\s+(Capture screen \d+)\s*$/;

/**
 * The displays avfoundation offers, from `ffmpeg -f avfoundation -list_devices true -i ""`
 * (printed on stderr), in its order, which follows the display ids as macOS nodes sort them.
 */
export function parseAvfoundationScreens(stderr: string): ScreenDisplay[] {
  const displays: ScreenDisplay[] = [];
  for (const line of stderr.split('\n')) {
    const m = SCREEN_DEVICE.exec(line.trim());
    if (m !== null && displays.length < 32) displays.push({ index: displays.length, name: m[2], source: m[1], x: 0, y: 0, width: 0, height: 0 });
  }
  return displays;
}

/**
 * macOS: avfoundation's "Capture screen N" devices. System sound needs a loopback device
 * (BlackHole, Loopback) named in `plugins.options.screen.audioDevice`; without one a
 * recording has no sound and says why.
 */
export class MacosPlatform implements ScreenPlatform {
  readonly name = 'macos' as const;

  constructor(
    private readonly settings: { ffmpeg: string; drawCursor: boolean; audioDevice?: string },
    private readonly run: ToolRunner,
  ) {}

  async displays(signal?: AbortSignal): Promise<ScreenDisplay[]> {
    // Listing devices makes ffmpeg exit non-zero: the list is in stderr either way.
    const stderr = await this.run(this.settings.ffmpeg, ['-hide_banner', '-nostdin', '-f', 'avfoundation', '-list_devices', 'true', '-i', ''], { timeoutMs: 10_000, signal }).then(
      (r) => r.stderr,
      (err: unknown) => {
        const e = OpenClawError.from(err);
        if (e.code === 'ABORTED' || (e.details as { missing?: boolean } | undefined)?.missing) throw screenError('SCREEN_UNAVAILABLE', e.message, { cause: err });
        return String((e.details as { stderr?: string } | undefined)?.stderr ?? '');
      },
    );
    const displays = parseAvfoundationScreens(stderr);
    if (displays.length === 0) {
      throw screenError('SCREEN_PERMISSION_REQUIRED', 'No displays available for screen recording: grant Screen Recording to the node in System Settings > Privacy & Security');
    }
    return displays;
  }

  videoInput(display: ScreenDisplay, fps: number): string[] {
    return macosVideoInput(display, fps, this.settings.drawCursor);
  }

  async audioInput(): Promise<AudioInput> {
    const device = this.settings.audioDevice;
    if (device === undefined) return { unavailable: 'macOS offers no system-sound capture device; install a loopback device (e.g. BlackHole) and set plugins.options.screen.audioDevice' };
    return { args: ['-f', 'avfoundation', ...LIVE_INPUT, '-i', `none:${device}`] };
  }
}

/** The avfoundation input for one screen device (the whole screen; the size is the display's). */
export function macosVideoInput(display: ScreenDisplay, fps: number, drawCursor: boolean): string[] {
  return ['-f', 'avfoundation', ...LIVE_INPUT, '-capture_cursor', drawCursor ? '1' : '0', '-framerate', String(fps), '-pixel_format', 'uyvy422', '-i', `${display.source}:none`];
}
