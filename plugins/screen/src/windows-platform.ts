import { screenError } from './errors.js';
import { LIVE_INPUT, type AudioInput, type ScreenDisplay, type ScreenPlatform, type ToolRunner } from './screen-platform.js';

/** Prints one `name|primary|x|y|width|height` line per monitor, primary first. */
export const LIST_SCREENS_SCRIPT =
  "Add-Type -AssemblyName System.Windows.Forms; [System.Windows.Forms.Screen]::AllScreens | Sort-Object -Property @{Expression={-not $_.Primary}} | ForEach-Object { '{0}|{1}|{2}|{3}|{4}|{5}' -f $_.DeviceName,$_.Primary,$_.Bounds.X,$_.Bounds.Y,$_.Bounds.Width,$_.Bounds.Height }";

/** The monitors from `LIST_SCREENS_SCRIPT` output, in its order (primary first). */
export function parseWindowsScreens(stdout: string): ScreenDisplay[] {
  const displays: ScreenDisplay[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^(.+)\|(True|False)\|(-?\d+)\|(-?\d+)\|(\d+)\|(\d+)$/.exec(line.trim());
    if (m !== null && displays.length < 32) displays.push({ index: displays.length, name: m[1], source: 'desktop', x: Number(m[3]), y: Number(m[4]), width: Number(m[5]), height: Number(m[6]) });
  }
  return displays;
}

/**
 * Windows: the desktop grabbed with `gdigrab` at each monitor's offset; sound from a DirectShow
 * capture device named in `plugins.options.screen.audioDevice` (`Stereo Mix`, a virtual cable).
 */
export class WindowsPlatform implements ScreenPlatform {
  readonly name = 'windows' as const;

  constructor(
    private readonly settings: { drawCursor: boolean; audioDevice?: string },
    private readonly run: ToolRunner,
  ) {}

  async displays(signal?: AbortSignal): Promise<ScreenDisplay[]> {
    const { stdout } = await this.run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', LIST_SCREENS_SCRIPT], { timeoutMs: 15_000, signal }).catch((err: unknown) => {
      throw screenError('SCREEN_UNAVAILABLE', `the monitors could not be listed with PowerShell: ${(err as Error).message}`, { cause: err });
    });
    const displays = parseWindowsScreens(stdout);
    if (displays.length === 0) throw screenError('SCREEN_UNAVAILABLE', 'Windows reported no monitors (is the node running in a desktop session?)');
    return displays;
  }

  videoInput(display: ScreenDisplay, fps: number): string[] {
    return windowsVideoInput(display, fps, this.settings.drawCursor);
  }

  async audioInput(): Promise<AudioInput> {
    const device = this.settings.audioDevice;
    if (device === undefined) return { unavailable: 'no sound device configured; set plugins.options.screen.audioDevice to a DirectShow capture device such as "Stereo Mix"' };
    return { args: ['-f', 'dshow', ...LIVE_INPUT, '-i', `audio=${device}`] };
  }
}

/** The gdigrab input for one monitor: the desktop cropped at its offset and size. */
export function windowsVideoInput(display: ScreenDisplay, fps: number, drawCursor: boolean): string[] {
  return [
    '-f', 'gdigrab', ...LIVE_INPUT,
    '-draw_mouse', drawCursor ? '1' : '0',
    '-framerate', String(fps),
    '-offset_x', String(display.x), '-offset_y', String(display.y),
    '-video_size', `${display.width}x${display.height}`,
    '-i', display.source,
  ];
}
