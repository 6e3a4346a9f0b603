/**
 * Where a node host runs, as plugins need to know it: the platform and the display it may
 * draw on. One object per host, bound to `HOST_ENV`, so handlers never read `process.env`.
 */
export interface HostDisplay {
  /** `x11` (`DISPLAY`), `wayland` (`WAYLAND_DISPLAY`) or `native` (the macOS/Windows desktop session). */
  readonly kind: 'x11' | 'wayland' | 'native';
  /** `:99`, `wayland-0`, or `desktop` for a native session. */
  readonly name: string;
}

export interface HostEnvironment {
  readonly platform: NodeJS.Platform;
  /** Absent on a headless machine: commands marked `foreground` then fail with NODE_BACKGROUND_UNAVAILABLE. */
  readonly display?: HostDisplay;
  /** The environment child processes get (a browser needs `DISPLAY`, `XAUTHORITY`, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads the host's facts once. On Linux and the BSDs a display exists only when `DISPLAY`
 * or `WAYLAND_DISPLAY` says so (X11 wins when both are set: Chromium defaults to it);
 * macOS and Windows processes run inside a desktop session.
 *
 * @example
 * detectHostEnvironment({ DISPLAY: ':99' }, 'linux').display; // { kind: 'x11', name: ':99' }
 * detectHostEnvironment({}, 'linux').display; // undefined
 */
export function detectHostEnvironment(env: Readonly<Record<string, string | undefined>> = process.env, platform: NodeJS.Platform = process.platform): HostEnvironment {
  const copy = { ...env };
  const display = platform === 'darwin' || platform === 'win32' ? ({ kind: 'native', name: 'desktop' } as const) : unixDisplay(copy);
  return display === undefined ? { platform, env: copy } : { platform, display, env: copy };
}

function unixDisplay(env: Readonly<Record<string, string | undefined>>): HostDisplay | undefined {
  const x11 = env.DISPLAY?.trim();
  if (x11) return { kind: 'x11', name: x11 };
  const wayland = env.WAYLAND_DISPLAY?.trim();
  if (wayland) return { kind: 'wayland', name: wayland };
  return undefined;
}
