import { parentDeathLauncher, sanitizeEnv } from '@openclaw-nodes/core/exec';
import { runFfmpeg } from '@openclaw-nodes/core/media';
import type { HostEnvironment } from '@openclaw-nodes/core/plugin';
import { MacosPlatform } from './macos-platform.js';
import type { ScreenOptions } from './options.js';
import { soundServerOf } from './pulse-audio.js';
import type { ScreenPlatform, ToolRunner } from './screen-platform.js';
import { UnavailablePlatform, WAYLAND_REASON } from './unavailable-platform.js';
import { WindowsPlatform } from './windows-platform.js';
import { X11Platform } from './x11-platform.js';

/** The head of a helper's stdout kept, bytes. */
const LISTING_BYTES = 64 * 1024;

/**
 * Runs helpers with the node's environment minus its own settings and credentials
 * (`OPENCLAW_*`) and the variables that make programs load code (`LD_PRELOAD`, ...), as
 * `system.run` children get it; the display's `XAUTHORITY` and the sound server's
 * `XDG_RUNTIME_DIR` pass. On Linux each child runs under `setpriv --pdeathsig KILL`, so a
 * node host killed outright does not leave ffmpeg recording the screen.
 */
export function toolRunner(hostEnv: HostEnvironment): ToolRunner {
  const env = sanitizeEnv(hostEnv.env);
  let launcher: readonly string[] | undefined;
  return async (program, args, options = {}) => {
    launcher ??= parentDeathLauncher(hostEnv.platform);
    // Listings (xrandr, xdpyinfo) can be long: their head is all a platform reads.
    const run = await runFfmpeg(args, { program, env, launcher, timeoutMs: options.timeoutMs ?? 30_000, signal: options.signal, maxStdoutBytes: LISTING_BYTES, stdoutOverflow: 'truncate' });
    return { stdout: run.stdout.toString('utf8'), stderr: run.stderr };
  };
}

/**
 * The screen adapter for this host, chosen once at registration: avfoundation on macOS,
 * gdigrab on Windows, x11grab on an X display, and a clear refusal on Wayland.
 *
 * @example
 * selectScreenPlatform(detectHostEnvironment({ DISPLAY: ':99' }, 'linux'), options).name; // 'x11'
 */
export function selectScreenPlatform(hostEnv: HostEnvironment, options: ScreenOptions, run: ToolRunner = toolRunner(hostEnv)): ScreenPlatform {
  const { drawCursor, audioDevice } = options;
  if (hostEnv.platform === 'darwin') return new MacosPlatform({ ffmpeg: options.ffmpegPath ?? 'ffmpeg', drawCursor, audioDevice }, run);
  if (hostEnv.platform === 'win32') return new WindowsPlatform({ drawCursor, audioDevice }, run);
  const display = hostEnv.display;
  if (display?.kind === 'x11') return new X11Platform({ display: display.name, drawCursor, audioDevice, sound: soundServerOf(hostEnv.env) }, run);
  if (display?.kind === 'wayland') return new UnavailablePlatform('wayland', WAYLAND_REASON);
  return new UnavailablePlatform('none', 'this node has no display to capture');
}
