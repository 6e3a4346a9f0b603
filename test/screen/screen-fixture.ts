import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { probeMedia } from '@openclaw-nodes/core/media';
import { startXvfb, type Xvfb } from '../canvas/xvfb.js';
import { poll } from '../support/poll.js';

const run = promisify(execFile);

/** The colours the two test screens are painted in. */
export const RED = [255, 0, 0];
export const BLUE = [0, 0, 255];

/**
 * A real X server with two screens, `:N.0` 320x240 painted red and `:N.1` 160x120 painted
 * blue (xsetroot). `-noreset` keeps the paint when the last client leaves. Fails when Xvfb,
 * xsetroot (x11-xserver-utils) or ffmpeg is missing: these tests never pass by skipping.
 */
export async function startPaintedScreens(): Promise<Xvfb> {
  for (const [tool, pkg] of [['xsetroot', 'x11-xserver-utils'], ['xdpyinfo', 'x11-utils'], ['ffmpeg', 'ffmpeg']]) {
    if (spawnSync(tool, ['-version'], { stdio: 'ignore' }).error !== undefined) throw new Error(`${tool} is not installed (apt-get install ${pkg}); the screen tests need it`);
  }
  const xvfb = await startXvfb('320x240x24', ['-screen', '1', '160x120x24', '-noreset']);
  await run('xsetroot', ['-display', `${xvfb.display}.0`, '-solid', '#ff0000']);
  await run('xsetroot', ['-display', `${xvfb.display}.1`, '-solid', '#0000ff']);
  return xvfb;
}

/** The RGB colour of pixel (x, y) in the frame shown at `atSeconds` of a clip, decoded by ffmpeg. */
export async function frameColour(path: string, x: number, y: number, atSeconds = 0.2): Promise<number[]> {
  const { width } = await probeMedia(path);
  const { stdout } = await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-ss', String(atSeconds), '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  const at = (y * width! + x) * 3;
  return [...(stdout as Buffer).subarray(at, at + 3)];
}

/** Colours equal within what H.264's 4:2:0 sampling shifts them. */
export const near = (actual: number[], expected: number[], tolerance = 24) => actual.length === 3 && actual.every((v, i) => Math.abs(v - expected[i]) <= tolerance);

/**
 * A real PulseAudio server for this test alone: its socket in `<dir>/run/pulse/native`, a
 * null sink so the default source (its monitor) yields silence. Pass `runtimeDir` as the
 * node's XDG_RUNTIME_DIR. Fails when pulseaudio is missing (apt-get install pulseaudio).
 */
export async function startPulseAudio(dir: string): Promise<{ runtimeDir: string; stop: () => Promise<void> }> {
  const runtimeDir = join(dir, 'run');
  mkdirSync(runtimeDir, { recursive: true, mode: 0o700 });
  if (spawnSync('pulseaudio', ['--version'], { stdio: 'ignore' }).error !== undefined) throw new Error('pulseaudio is not installed (apt-get install pulseaudio); the screen sound test needs it');
  const child = spawn(
    'pulseaudio',
    ['-n', '--daemonize=no', '--exit-idle-time=-1', '--use-pid-file=no', '--load=module-native-protocol-unix', '--load=module-null-sink sink_name=silent', '--load=module-always-sink'],
    { env: { PATH: process.env.PATH, HOME: dir, XDG_RUNTIME_DIR: runtimeDir }, stdio: 'ignore' },
  );
  const socket = join(runtimeDir, 'pulse', 'native');
  await poll(() => {
    if (child.exitCode !== null) throw new Error(`pulseaudio exited ${child.exitCode}`);
    return existsSync(socket) || undefined;
  }, `pulseaudio opening ${socket}`);
  return {
    runtimeDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
