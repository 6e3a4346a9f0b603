import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import { clipArgs, snapArgs } from './capture-args.js';
import { linuxV4l2, parseV4l2Formats } from './linux-v4l2.js';
import { macosAvfoundation, parseAvfoundationDevices } from './macos-avfoundation.js';
import { cameraPlatformFor } from './platform-adapters.js';
import { parseDshowDevices, windowsDshow } from './windows-dshow.js';

const dir = tempDir('openclaw-camera-adapters-');
afterAll(() => dir.cleanup());

const AVFOUNDATION = `[AVFoundation indev @ 0x7f8] AVFoundation video devices:
[AVFoundation indev @ 0x7f8] [0] FaceTime HD Camera
[AVFoundation indev @ 0x7f8] [1] OBS Virtual Camera
[AVFoundation indev @ 0x7f8] [2] Capture screen 0
[AVFoundation indev @ 0x7f8] AVFoundation audio devices:
[AVFoundation indev @ 0x7f8] [0] MacBook Pro Microphone
: Input/output error`;

const DSHOW = `[dshow @ 000001] "Integrated Camera" (video)
[dshow @ 000001]   Alternative name "@device_pnp_\\\\?\\usb#vid_04f2"
[dshow @ 000001] "Rear: IR Camera" (video)
[dshow @ 000001] "USB Rear Camera" (video)
[dshow @ 000001] "Microphone Array (Realtek(R) Audio)" (audio)
dummy: Immediate exit requested`;

const V4L2_FORMATS = `[video4linux2,v4l2 @ 0x55] Compressed:       mjpeg :          Motion-JPEG : 1280x720 640x480
[video4linux2,v4l2 @ 0x55] Raw       :     yuyv422 :           YUYV 4:2:2 : 640x480 320x240`;

describe('camera platform adapters', () => {
  it('picks V4L2 on Linux, AVFoundation on macOS and DirectShow on Windows', () => {
    expect(cameraPlatformFor('linux').demuxer).toBe('v4l2');
    expect(cameraPlatformFor('freebsd').demuxer).toBe('v4l2');
    expect(cameraPlatformFor('darwin').demuxer).toBe('avfoundation');
    expect(cameraPlatformFor('win32').demuxer).toBe('dshow');
  });

  it('lists V4L2 capture nodes from sysfs (not their metadata nodes) and opens them with -f v4l2', async () => {
    for (const [node, name, index] of [['video0', 'Integrated Webcam\n', '0'], ['video1', 'Integrated Webcam\n', '1'], ['video10', 'USB Cam', '0'], ['media0', 'x', '0']]) {
      mkdirSync(join(dir.path, 'sys', node), { recursive: true });
      writeFileSync(join(dir.path, 'sys', node, 'name'), name);
      writeFileSync(join(dir.path, 'sys', node, 'index'), index);
    }
    const linux = linuxV4l2({ sysfs: join(dir.path, 'sys'), dev: '/dev', pulseSocket: () => join(dir.path, 'pulse-native') });
    // ffmpeg cannot open these devices here, so their formats are unknown rather than an error.
    expect(await linux.listCameras({ env: process.env, formats: true })).toEqual([
      { id: '/dev/video0', name: 'Integrated Webcam', position: 'unspecified', deviceType: 'v4l2', formats: [] },
      { id: '/dev/video10', name: 'USB Cam', position: 'unspecified', deviceType: 'v4l2', formats: [] },
    ]);
    // Picking a camera does not open every camera to read its formats.
    expect((await linux.listCameras({ env: process.env })).map((c) => c.formats)).toEqual([undefined, undefined]);
    expect(linux.videoInput({ id: '/dev/video0', name: 'x', position: 'unspecified', deviceType: 'v4l2' })).toEqual({ input: '/dev/video0', format: 'v4l2' });
    expect(await linux.defaultAudio({ env: {} })).toBeUndefined();
    writeFileSync(join(dir.path, 'pulse-native'), '');
    expect(await linux.defaultAudio({ env: {} })).toEqual({ input: 'default', format: 'pulse' });
    expect(await linuxV4l2({ sysfs: join(dir.path, 'nowhere') }).listCameras({ env: process.env })).toEqual([]);
  });

  it('reads V4L2 capture formats from ffmpeg -list_formats', () => {
    expect(parseV4l2Formats(V4L2_FORMATS)).toEqual(['mjpeg 1280x720 640x480', 'yuyv422 640x480 320x240']);
  });

  it('opens AVFoundation cameras by index at 30 fps and leaves screens out', async () => {
    expect(parseAvfoundationDevices(AVFOUNDATION)).toEqual([
      { kind: 'video', index: 0, name: 'FaceTime HD Camera' },
      { kind: 'video', index: 1, name: 'OBS Virtual Camera' },
      { kind: 'video', index: 2, name: 'Capture screen 0' },
      { kind: 'audio', index: 0, name: 'MacBook Pro Microphone' },
    ]);
    const mac = macosAvfoundation();
    const camera = { id: 'avfoundation:1', name: 'OBS Virtual Camera', position: 'unspecified' as const, deviceType: 'avfoundation' };
    expect(snapArgs(mac.videoInput(camera), 2_000)).toEqual(['-hide_banner', '-loglevel', 'error', '-nostdin', '-framerate', '30', '-f', 'avfoundation', '-i', '1:none', '-ss', '2', '-frames:v', '1', '-an', '-c:v', 'png', '-f', 'image2pipe', 'pipe:1']);
    expect(await mac.defaultAudio({ env: {} })).toEqual({ input: ':default', format: 'avfoundation' });
  });

  it('opens DirectShow cameras and the first microphone by name, skipping names dshow cannot parse', async () => {
    expect(parseDshowDevices(DSHOW)).toEqual([
      { kind: 'video', index: 0, name: 'Integrated Camera' },
      { kind: 'video', index: 1, name: 'USB Rear Camera' },
      { kind: 'audio', index: 0, name: 'Microphone Array (Realtek(R) Audio)' },
    ]);
    expect(parseDshowDevices('[dshow @ 01] DirectShow video devices\n[dshow @ 01]  "Old Cam"\n[dshow @ 01] DirectShow audio devices\n[dshow @ 01]  "Old Mic"')).toEqual([]);
    const win = windowsDshow();
    const camera = { id: 'dshow:USB Rear Camera', name: 'USB Rear Camera', position: 'back' as const, deviceType: 'dshow' };
    const args = clipArgs({ video: win.videoInput(camera), audio: { input: 'audio=Microphone Array (Realtek(R) Audio)', format: 'dshow' }, durationMs: 2_500, maxBytes: 1_000_000, output: 'C:\\Temp\\clip.mp4' });
    expect(args).toEqual([
      '-hide_banner', '-loglevel', 'error', '-nostdin',
      '-f', 'dshow', '-i', 'video=USB Rear Camera',
      '-f', 'dshow', '-i', 'audio=Microphone Array (Realtek(R) Audio)',
      '-map', '0:v:0', '-map', '1:a:0', '-t', '2.5',
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-vf', 'scale=trunc(iw/2)*2:trunc(ih/2)*2', '-c:a', 'aac',
      '-movflags', '+faststart', '-map_metadata', '-1', '-fs', '1000000', '-f', 'mp4', '-y', 'file:C:\\Temp\\clip.mp4',
    ]);
  });

  it('maps a source\'s own sound optionally, or none at all', () => {
    const video = { input: 'rtsp://cam/1', format: 'rtsp', options: ['-rtsp_transport', 'tcp'] };
    const own = clipArgs({ video, audio: 'source', durationMs: 3_000, maxBytes: 10, output: '/t/c.mp4' });
    expect(own.slice(4, 13)).toEqual(['-rtsp_transport', 'tcp', '-f', 'rtsp', '-i', 'rtsp://cam/1', '-map', '0:v:0', '-map']);
    expect(own).toContain('0:a:0?');
    const mute = clipArgs({ video, audio: 'none', durationMs: 3_000, maxBytes: 10, output: '/t/c.mp4' });
    expect(mute).toContain('-an');
    expect(mute).not.toContain('-c:a');
    expect(snapArgs(video, 0)).not.toContain('-ss');
  });

  it('keeps an H.264 source\'s video as it is with copyVideo, and re-encodes it otherwise', () => {
    const video = { input: 'rtsp://cam/1', format: 'rtsp' };
    const copied = clipArgs({ video, audio: 'source', durationMs: 3_000, maxBytes: 10, output: '/t/c.mp4', copyVideo: true });
    expect(copied.slice(copied.indexOf('-c:v'), copied.indexOf('-c:v') + 2)).toEqual(['-c:v', 'copy']);
    expect(copied).not.toContain('-vf');
    expect(copied).toContain('aac');
    expect(clipArgs({ video, audio: 'none', durationMs: 3_000, maxBytes: 10, output: '/t/c.mp4' })).toContain('libx264');
  });
});
