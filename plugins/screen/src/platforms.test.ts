import { describe, expect, it } from 'vitest';
import { detectHostEnvironment } from '@openclaw-nodes/core/plugin';
import { parseAvfoundationScreens } from './macos-platform.js';
import { screenOptions } from './options.js';
import { recordArgs, snapshotArgs, type ScreenDisplay, type ToolRunner } from './screen-platform.js';
import { selectScreenPlatform } from './select-platform.js';
import { parseWindowsScreens } from './windows-platform.js';

const options = screenOptions.parse({});
const display = (over: Partial<ScreenDisplay> = {}): ScreenDisplay => ({ index: 0, name: 'x', source: ':0.0', x: 0, y: 0, width: 1920, height: 1080, ...over });
/** A runner that answers like the platform's tools would, recording what was run. */
function runner(answers: Record<string, { stdout?: string; stderr?: string }>) {
  const calls: string[][] = [];
  const run: ToolRunner = async (program, args) => {
    calls.push([program, ...args]);
    return { stdout: answers[program]?.stdout ?? '', stderr: answers[program]?.stderr ?? '' };
  };
  return { run, calls };
}
const pick = (platform: NodeJS.Platform, env: Record<string, string>, run: ToolRunner, opts = options) => selectScreenPlatform(detectHostEnvironment(env, platform), opts, run);

describe('platform selection', () => {
  it('picks the adapter by platform and display at registration', () => {
    const { run } = runner({});
    expect(pick('linux', { DISPLAY: ':3' }, run).name).toBe('x11');
    expect(pick('linux', { WAYLAND_DISPLAY: 'wayland-0' }, run).name).toBe('wayland');
    expect(pick('linux', {}, run).name).toBe('none');
    expect(pick('darwin', {}, run).name).toBe('macos');
    expect(pick('win32', {}, run).name).toBe('windows');
  });

  it('refuses a Wayland session at once, saying what to do', async () => {
    const wayland = pick('linux', { WAYLAND_DISPLAY: 'wayland-0' }, runner({}).run);
    await expect(wayland.displays()).rejects.toMatchObject({ code: 'SCREEN_UNAVAILABLE', message: expect.stringMatching(/^SCREEN_UNAVAILABLE: this is a Wayland session.*XWayland/) });
  });
});

describe('macOS (avfoundation)', () => {
  const LIST = [
    '[AVFoundation indev @ 0x7f8] AVFoundation video devices:',
    '[AVFoundation indev @ 0x7f8] [0] FaceTime HD Camera',
    '[AVFoundation indev @ 0x7f8] [1] Capture screen 0',
    '[AVFoundation indev @ 0x7f8] [2] Capture screen 1',
    '[AVFoundation indev @ 0x7f8] AVFoundation audio devices:',
    '[AVFoundation indev @ 0x7f8] [0] MacBook Pro Microphone',
    '[AVFoundation indev @ 0x7f8] [1] BlackHole 2ch',
  ].join('\n');

  it('lists only the screens, in avfoundation order, and records one with capture_cursor', async () => {
    expect(parseAvfoundationScreens(LIST).map((d) => [d.index, d.name, d.source])).toEqual([[0, 'Capture screen 0', '1'], [1, 'Capture screen 1', '2']]);
    const { run, calls } = runner({ ffmpeg: { stderr: LIST } });
    const mac = pick('darwin', {}, run, screenOptions.parse({ audioDevice: 'BlackHole 2ch' }));
    const [, second] = await mac.displays();
    expect(calls[0]).toEqual(['ffmpeg', '-hide_banner', '-nostdin', '-f', 'avfoundation', '-list_devices', 'true', '-i', '']);
    const video = mac.videoInput(second, 15);
    expect(video).toEqual(['-f', 'avfoundation', '-thread_queue_size', '512', '-probesize', '32', '-capture_cursor', '1', '-framerate', '15', '-pixel_format', 'uyvy422', '-i', '2:none']);
    expect(await mac.audioInput()).toEqual({ args: ['-f', 'avfoundation', '-thread_queue_size', '512', '-probesize', '32', '-i', 'none:BlackHole 2ch'] });
  });

  it('without a loopback device records no sound and says why; no screen devices means no permission', async () => {
    const mac = pick('darwin', {}, runner({ ffmpeg: { stderr: '[AVFoundation indev @ 0x1] [0] FaceTime HD Camera' } }).run);
    expect(await mac.audioInput()).toEqual({ unavailable: expect.stringContaining('BlackHole') });
    await expect(mac.displays()).rejects.toMatchObject({ code: 'SCREEN_PERMISSION_REQUIRED', message: expect.stringContaining('No displays available for screen recording') });
  });
});

describe('Windows (gdigrab, dshow)', () => {
  const LIST = '\\\\.\\DISPLAY1|True|0|0|2560|1440\r\n\\\\.\\DISPLAY2|False|-1920|0|1920|1080\r\n';

  it('grabs each monitor as a crop of the desktop at its offset', async () => {
    expect(parseWindowsScreens(LIST).map((d) => [d.name, d.x, d.width])).toEqual([['\\\\.\\DISPLAY1', 0, 2560], ['\\\\.\\DISPLAY2', -1920, 1920]]);
    const { run, calls } = runner({ 'powershell.exe': { stdout: LIST } });
    const win = pick('win32', {}, run, screenOptions.parse({ audioDevice: 'Stereo Mix (Realtek Audio)', drawCursor: false }));
    const [, left] = await win.displays();
    expect(calls[0].slice(0, 4)).toEqual(['powershell.exe', '-NoProfile', '-NonInteractive', '-Command']);
    expect(win.videoInput(left, 30)).toEqual([
      '-f', 'gdigrab', '-thread_queue_size', '512', '-probesize', '32', '-draw_mouse', '0', '-framerate', '30', '-offset_x', '-1920', '-offset_y', '0', '-video_size', '1920x1080', '-i', 'desktop',
    ]);
    expect(await win.audioInput()).toEqual({ args: ['-f', 'dshow', '-thread_queue_size', '512', '-probesize', '32', '-i', 'audio=Stereo Mix (Realtek Audio)'] });
  });
});

describe('X11 (x11grab, pulse)', () => {
  it('splits each X screen into its RandR monitors and grabs one at its offset', async () => {
    const { run, calls } = runner({
      xdpyinfo: { stdout: 'name of display:    :7\nnumber of screens:    1\n\nscreen #0:\n  dimensions:    3840x1080 pixels (1016x285 millimeters)\n' },
      xrandr: { stdout: 'Monitors: 2\n 0: +*DP-1 1920/527x1080/296+0+0  DP-1\n 1: +HDMI-1 1920/527x1080/296+1920+0  HDMI-1\n' },
    });
    const x11 = pick('linux', { DISPLAY: ':7.0' }, run);
    const displays = await x11.displays();
    expect(calls).toEqual([['xdpyinfo', '-display', ':7'], ['xrandr', '--display', ':7.0', '--listmonitors']]);
    expect(displays.map((d) => [d.index, d.name, d.x, d.width])).toEqual([[0, 'DP-1', 0, 1920], [1, 'HDMI-1', 1920, 1920]]);
    expect(x11.videoInput(displays[1], 10)).toEqual(['-f', 'x11grab', '-thread_queue_size', '512', '-probesize', '32', '-draw_mouse', '1', '-framerate', '10', '-video_size', '1920x1080', '-i', ':7.0+1920,0']);
  });

  it('takes an X screen without RandR monitors whole, sized by its root window', async () => {
    const { run, calls } = runner({ xdpyinfo: { stdout: 'number of screens:    2\n' }, xwininfo: { stdout: 'xwininfo: Window id: 0x2a5 (the root window)\n  Width: 160\n  Height: 120\n' } });
    const displays = await pick('linux', { DISPLAY: ':7' }, run).displays();
    expect(displays.map((d) => [d.index, d.source, d.width, d.height])).toEqual([[0, ':7.0', 160, 120], [1, ':7.1', 160, 120]]);
    expect(calls[2]).toEqual(['xwininfo', '-display', ':7.0', '-root']);
  });

  it('records no sound without a session sound server, and says why', async () => {
    const x11 = pick('linux', { DISPLAY: ':7', XDG_RUNTIME_DIR: '/nonexistent/run' }, runner({}).run);
    expect(await x11.audioInput()).toEqual({ unavailable: expect.stringMatching(/no PulseAudio or PipeWire server answers at \/nonexistent\/run\/pulse\/native \(ENOENT\)/) });
    const server = pick('linux', { DISPLAY: ':7', PULSE_SERVER: 'unix:/run/pulse' }, runner({}).run, screenOptions.parse({ audioDevice: 'alsa_input.usb' }));
    expect(await server.audioInput()).toEqual({ args: ['-f', 'pulse', '-thread_queue_size', '512', '-probesize', '32', '-i', 'alsa_input.usb'] });
  });
});

describe('ffmpeg arguments', () => {
  it('records H.264 with AAC sound for exactly the duration, into a file: path', () => {
    const args = recordArgs(['-f', 'x11grab', '-i', ':0.0+0,0'], ['-f', 'pulse', '-i', 'default'], { durationMs: 3000, fps: 12, output: '/tmp/o.mp4', maxBytes: 1048576 });
    expect(args.join(' ')).toBe(
      '-hide_banner -loglevel error -nostdin -f x11grab -i :0.0+0,0 -f pulse -i default -t 3.000 -map 0:v:0 -map 1:a:0 -c:a aac -b:a 128k ' +
        '-c:v libx264 -preset veryfast -tune zerolatency -pix_fmt yuv420p -vf scale=trunc(iw/2)*2:trunc(ih/2)*2 -r 12 -fs 1048576 -map_metadata -1 -movflags +faststart -f mp4 -y file:/tmp/o.mp4',
    );
    expect(recordArgs(['-i', 'v'], undefined, { durationMs: 250, fps: 1, output: '/o.mp4' })).toContain('-an');
    expect(snapshotArgs(['-i', 'v'], '/f.png').slice(-9)).toEqual(['-frames:v', '1', '-c:v', 'png', '-f', 'image2', '-update', '1', '-y', 'file:/f.png'].slice(-9));
  });
});
