import { OpenClawError } from '@openclaw-nodes/core/errors';
import { screenError } from './errors.js';
import { pulseAudioInput, type SoundServer } from './pulse-audio.js';
import { LIVE_INPUT, type AudioInput, type ScreenDisplay, type ScreenPlatform, type ToolRunner } from './screen-platform.js';
import { displayBase, parseListMonitors, parseRootSize, parseScreenCount } from './x11-monitors.js';

const LIST_TIMEOUT_MS = 5_000;

export interface X11Settings {
  /** The X display, e.g. `:99` (`DISPLAY`). */
  readonly display: string;
  readonly drawCursor: boolean;
  /** PulseAudio source name; default `default`. */
  readonly audioDevice?: string;
  readonly sound: SoundServer;
}

/**
 * Linux and the BSDs on X11: every X screen of the display, split into its RandR monitors
 * (`xrandr --listmonitors`), grabbed with ffmpeg's `x11grab`; sound from PulseAudio or
 * PipeWire's Pulse server (`-f pulse`).
 */
export class X11Platform implements ScreenPlatform {
  readonly name = 'x11' as const;

  constructor(
    private readonly settings: X11Settings,
    private readonly run: ToolRunner,
  ) {}

  async displays(signal?: AbortSignal): Promise<ScreenDisplay[]> {
    const base = displayBase(this.settings.display);
    // The count comes early in xdpyinfo's output; the rest (visuals) is cut off unread.
    const screens = parseScreenCount(await this.#tool('xdpyinfo', ['-display', base], signal));
    if (screens === 0) throw screenError('SCREEN_UNAVAILABLE', `xdpyinfo reported no screens on X display ${base}`);
    const displays: ScreenDisplay[] = [];
    for (let screen = 0; screen < screens; screen++) {
      const source = `${base}.${screen}`;
      const monitors = await this.#tool('xrandr', ['--display', source, '--listmonitors'], signal).then(parseListMonitors, () => []);
      // Without RandR the whole X screen is one display.
      const size = monitors.length > 0 ? undefined : parseRootSize(await this.#tool('xwininfo', ['-display', source, '-root'], signal));
      const parts = size === undefined ? monitors : [{ name: `screen ${screen}`, x: 0, y: 0, ...size }];
      for (const m of parts) displays.push({ index: displays.length, name: m.name, source, x: m.x, y: m.y, width: m.width, height: m.height });
    }
    return displays;
  }

  videoInput(display: ScreenDisplay, fps: number): string[] {
    return x11VideoInput(display, fps, this.settings.drawCursor);
  }

  audioInput(signal?: AbortSignal): Promise<AudioInput> {
    return pulseAudioInput(this.settings.sound, this.settings.audioDevice ?? 'default', signal);
  }

  async #tool(program: string, args: string[], signal?: AbortSignal): Promise<string> {
    try {
      return (await this.run(program, args, { timeoutMs: LIST_TIMEOUT_MS, signal })).stdout;
    } catch (err) {
      throw x11Failure(program, args[1], err);
    }
  }
}

/** The x11grab input for one monitor of an X screen. */
export function x11VideoInput(display: ScreenDisplay, fps: number, drawCursor: boolean): string[] {
  return [
    '-f', 'x11grab', ...LIVE_INPUT,
    '-draw_mouse', drawCursor ? '1' : '0',
    '-framerate', String(fps),
    '-video_size', `${display.width}x${display.height}`,
    '-i', `${display.source}+${display.x},${display.y}`,
  ];
}

/** Why an X helper failed, as the code a caller can act on. */
function x11Failure(program: string, display: string, err: unknown): OpenClawError {
  const e = OpenClawError.from(err);
  if (e.code === 'ABORTED') return e;
  const details = e.details as { missing?: boolean; stderr?: string } | undefined;
  if (details?.missing === true) {
    return screenError('SCREEN_UNAVAILABLE', `${program} is not installed; screen capture on X11 needs it to find the displays (apt-get install x11-utils x11-xserver-utils)`, { cause: err });
  }
  const stderr = details?.stderr ?? e.message;
  if (/authori[sz]ation|No protocol specified|access control/i.test(stderr)) {
    return screenError('SCREEN_PERMISSION_REQUIRED', `the X server at ${display} refused this user; give the node the session's XAUTHORITY or run it inside the session`, { cause: err });
  }
  // A display that cannot be reached is no display, as the canvas treats it.
  return screenError('NODE_BACKGROUND_UNAVAILABLE', `screen capture has no display: the X display ${display} cannot be opened (${e.message})`, { cause: err });
}
