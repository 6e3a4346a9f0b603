import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { detectHostEnvironment, type PluginHost } from '@openclaw-nodes/core/plugin';
import { probeMedia } from '@openclaw-nodes/core/media';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeContext, makeHost } from '../../../test/fixtures/plugins/plugin-factories.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { cameraPlugin } from './index.js';

const PATTERN = { id: 'pattern', name: 'Test pattern', format: 'lavfi', input: 'testsrc2=size=320x240:rate=15[out0];sine=frequency=440[out1]' };
const MUTE = { id: 'mute', name: 'Mute pattern', format: 'lavfi', input: 'testsrc2=size=320x240:rate=15', position: 'back' };
const dir = tempDir('openclaw-camera-plugin-');
const hosts: PluginHost[] = [];

async function started(options: unknown, env: Record<string, string> = {}): Promise<PluginHost> {
  const host = makeHost({ pluginOptions: { camera: options }, hostEnv: detectHostEnvironment({ PATH: process.env.PATH, ...env }, 'linux') });
  host.load([cameraPlugin]);
  await host.start();
  hosts.push(host);
  return host;
}
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected the command to fail'), (err: unknown) => err as { code: string; message: string });
const run = (host: PluginHost, command: string, params?: unknown) => host.invoke(command, params, makeContext(command)) as Promise<any>;
/** Writes an inline clip to a file the toolkit's probe reads. */
function clipFile(base64: string, name: string): string {
  const path = join(dir.path, name);
  writeFileSync(path, Buffer.from(base64, 'base64'));
  return path;
}

afterAll(async () => {
  for (const host of hosts) await host.stop();
  dir.cleanup();
});

describe('camera plugin with ffmpeg sources', () => {
  it('declares its commands while disabled, answers CAMERA_DISABLED and reports no capture permission', async () => {
    const host = await started({ sources: [PATTERN] });
    expect(host.commands()).toEqual(['camera.list', 'camera.snap', 'camera.clip']);
    expect(await host.permissions()).toEqual({ 'camera.capture': false, microphone: false });
    for (const command of host.commands()) {
      expect(await failure(run(host, command))).toMatchObject({ code: 'CAMERA_DISABLED', message: expect.stringMatching(/^CAMERA_DISABLED: enable the camera in plugins\.options\.camera\.enabled/) });
    }
  });

  it('lists configured sources, snaps a JPEG within maxWidth and records a clip of the asked length with sound', async () => {
    const host = await started({ enabled: true, devices: false, sources: [PATTERN, { ...MUTE, audio: { format: 'lavfi', input: 'sine=frequency=220' } }] });
    expect(await host.permissions()).toEqual({ 'camera.capture': true, microphone: true });
    expect(await run(host, 'camera.list')).toEqual({
      devices: [
        { id: 'pattern', name: 'Test pattern', position: 'unspecified', deviceType: 'configured' },
        { id: 'mute', name: 'Mute pattern', position: 'back', deviceType: 'configured' },
      ],
    });
    const snap = await run(host, 'camera.snap', { maxWidth: 160, delayMs: 500 });
    expect(snap).toMatchObject({ format: 'jpg', width: 160, height: 120 });
    expect(await sharp(Buffer.from(snap.base64, 'base64')).metadata()).toMatchObject({ format: 'jpeg', width: 160, height: 120 });

    const clip = await run(host, 'camera.clip', { deviceId: 'pattern', durationMs: 1_500 });
    expect(clip).toMatchObject({ format: 'mp4', hasAudio: true });
    expect(Math.abs(clip.durationMs - 1_500)).toBeLessThanOrEqual(150);
    expect(await probeMedia(clipFile(clip.base64, 'pattern.mp4'))).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', width: 320, height: 240 });

    // The back camera's sound comes from its configured audio input.
    expect(await run(host, 'camera.clip', { facing: 'back', durationMs: 500 })).toMatchObject({ hasAudio: true });
    const mute = await run(host, 'camera.clip', { facing: 'back', durationMs: 500, includeAudio: false });
    expect(mute).toMatchObject({ hasAudio: false });
    expect(mute.audioReason).toBeUndefined();
  });

  it('says why a clip has no sound when its source has none, and refuses an unknown device or a facing no camera has', async () => {
    const host = await started({ enabled: true, devices: false, sources: [MUTE] });
    expect(await host.permissions()).toEqual({ 'camera.capture': true, microphone: false });
    const clip = await run(host, 'camera.clip', { facing: 'back', durationMs: 300 });
    expect(clip).toMatchObject({ hasAudio: false, audioReason: expect.stringContaining('has no audio stream') });
    expect(await failure(run(host, 'camera.clip'))).toMatchObject({ code: 'CAMERA_UNAVAILABLE', message: 'CAMERA_UNAVAILABLE: this node has no front camera (cameras: mute back)' });
    expect(await failure(run(host, 'camera.snap', { deviceId: '/etc/passwd' }))).toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'INVALID_REQUEST: unknown deviceId "/etc/passwd" (known: mute)',
    });
  });

  it('answers MIC_PERMISSION_REQUIRED when the audio input cannot be opened, CAMERA_UNAVAILABLE without a camera or a readable one', async () => {
    const host = await started({
      enabled: true,
      devices: false,
      sources: [{ ...MUTE, audio: { format: 'pulse', input: 'default' } }, { id: 'gone', name: 'Gone', input: join(dir.path, 'missing.mkv'), position: 'front' }],
    });
    const mic = await failure(run(host, 'camera.clip', { deviceId: 'mute', durationMs: 300 }));
    expect(mic).toMatchObject({ code: 'MIC_PERMISSION_REQUIRED', message: expect.stringMatching(/^MIC_PERMISSION_REQUIRED: could not open the microphone \(pulse default\)/) });
    expect(await run(host, 'camera.clip', { deviceId: 'mute', durationMs: 300, includeAudio: false })).toMatchObject({ hasAudio: false });
    const gone = await failure(run(host, 'camera.snap', { facing: 'front' }));
    expect(gone).toMatchObject({ code: 'CAMERA_UNAVAILABLE', message: expect.stringContaining('could not capture from Gone (gone): ') });
    expect(gone.message).toContain('No such file or directory');

    const none = await started({ enabled: true, devices: false });
    expect(await run(none, 'camera.list')).toEqual({ devices: [] });
    expect(await failure(run(none, 'camera.snap'))).toMatchObject({ code: 'CAMERA_UNAVAILABLE', message: expect.stringContaining('this node has no camera') });
  });

  it('records at most two clips at once, refuses a third as busy, and stops a clip whose call is cancelled', async () => {
    // `-re` makes the pattern a live camera: a clip takes as long as it lasts.
    const host = await started({ enabled: true, devices: false, sources: [{ ...MUTE, position: 'front', inputOptions: ['-re'] }] });
    const clip = (ctx = makeContext('camera.clip')) => host.invoke('camera.clip', { durationMs: 2_000, includeAudio: false }, ctx) as Promise<any>;
    const [first, second] = [clip(), clip()];
    expect(await failure(clip())).toMatchObject({ code: 'CAMERA_UNAVAILABLE', message: 'CAMERA_UNAVAILABLE: the camera is busy with 2 captures; try again when they finish' });
    expect((await first).hasAudio).toBe(false);
    await second;
    const controller = new AbortController();
    const cancelled = clip(makeContext('camera.clip', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 300);
    expect(await failure(cancelled)).toMatchObject({ code: 'ABORTED' });
    // The slot is free again once the cancelled capture is gone.
    expect(await clip()).toMatchObject({ format: 'mp4' });
  });

  it('refuses a clip that reaches maxClipBytes instead of shipping it cut short', async () => {
    const host = await started({ enabled: true, devices: false, maxClipBytes: 1_024, sources: [MUTE] });
    expect(await failure(run(host, 'camera.clip', { facing: 'back', durationMs: 1_000 }))).toMatchObject({
      code: 'MEDIA_BUDGET_EXCEEDED',
      message: expect.stringContaining('the clip reached the 1024-byte limit (plugins.options.camera.maxClipBytes)'),
    });
  });

  it('answers CAMERA_UNAVAILABLE naming ffmpeg when it is not installed', async () => {
    const host = await started({ enabled: true, devices: false, sources: [MUTE] }, { PATH: dir.path });
    expect(await failure(run(host, 'camera.snap', { facing: 'back' }))).toMatchObject({
      code: 'CAMERA_UNAVAILABLE',
      message: 'CAMERA_UNAVAILABLE: ffmpeg is not installed on this node (install ffmpeg, e.g. apt-get install ffmpeg)',
    });
  });
});
