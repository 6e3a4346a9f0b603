/** A RandR monitor as `xrandr --listmonitors` prints it. */
export interface X11Monitor {
  readonly name: string;
  readonly primary: boolean;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

// ` 0: +*DP-1 1920/527x1080/296+0+0  DP-1`: index, flags, name, w/mm x h/mm + x + y.
const MONITOR = /^\s*\d+:\s+([+*]*)(\S+)\s+(\d+)\/\d+x(\d+)\/\d+([+-]\d+)([+-]\d+)/;
/** Monitors per screen and screens per display past these are not a real machine. */
const MAX_MONITORS = 32;
const MAX_SCREENS = 16;

/**
 * The monitors of one X screen from `xrandr --listmonitors` output, in RandR's order (the
 * primary first on a configured desktop).
 *
 * @example
 * parseListMonitors('Monitors: 1\n 0: +*screen 1280/338x800/211+0+0  screen\n');
 * // [{ name: 'screen', primary: true, x: 0, y: 0, width: 1280, height: 800 }]
 */
export function parseListMonitors(text: string): X11Monitor[] {
  const monitors: X11Monitor[] = [];
  for (const line of text.split('\n')) {
    const m = MONITOR.exec(line);
    if (m === null) continue;
    monitors.push({ name: m[2], primary: m[1].includes('*'), width: Number(m[3]), height: Number(m[4]), x: Number(m[5]), y: Number(m[6]) });
    if (monitors.length === MAX_MONITORS) break;
  }
  return monitors;
}

/** How many X screens a display has, from `xdpyinfo` output (`number of screens:    2`); 0 when it does not say. */
export function parseScreenCount(text: string): number {
  const m = /^number of screens:\s+(\d+)/m.exec(text);
  return m === null ? 0 : Math.min(Number(m[1]), MAX_SCREENS);
}

/** The root window's size from `xwininfo -root` output (`  Width: 1280`, `  Height: 800`). */
export function parseRootSize(text: string): { width: number; height: number } | undefined {
  const width = /^\s*Width:\s+(\d+)/m.exec(text);
  const height = /^\s*Height:\s+(\d+)/m.exec(text);
  return width === null || height === null ? undefined : { width: Number(width[1]), height: Number(height[1]) };
}

/** `:99`, `:99.1` or `host:10.0` without the screen number: `:99`, `host:10`. */
export function displayBase(name: string): string {
  return name.replace(/(:\d+)\.\d+$/, '$1');
}
