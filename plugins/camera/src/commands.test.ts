import { describe, expect, it } from 'vitest';
import { clipParams, clipResult, snapParams, snapResult } from './commands.js';
import { cameraOptions } from './options.js';

describe('camera command params and results', () => {
  it('gives camera.snap the defaults and clamps of COMMANDS.md 4.2, also for a missing or null paramsJSON', () => {
    const defaults = { facing: 'front', deviceId: undefined, maxWidth: 1_600, quality: 0.9, delayMs: 0 };
    expect(snapParams.parse(undefined)).toEqual(defaults);
    expect(snapParams.parse(null)).toEqual(defaults);
    expect(snapParams.parse({ maxWidth: 0, quality: 0, delayMs: -5 })).toEqual({ ...defaults, quality: 0.05 });
    expect(snapParams.parse({ maxWidth: -1, quality: 7, delayMs: 60_000, format: 'jpeg', facing: 'back' })).toEqual({ ...defaults, facing: 'back', quality: 1, delayMs: 10_000 });
    expect(snapParams.parse({ maxWidth: 640.7, deviceId: 'porch' })).toMatchObject({ maxWidth: 640, deviceId: 'porch' });
    expect(snapParams.parse({ maxWidth: 1e9 }).maxWidth).toBe(16_384);
    expect(snapParams.safeParse({ format: 'png' }).error?.issues[0].message).toBe('camera format must be jpg');
    expect(snapParams.safeParse({ facing: 'left' }).error?.issues[0].message).toBe('facing must be front or back');
    expect(snapParams.safeParse({ deviceId: 'x'.repeat(257) }).success).toBe(false);
  });

  it('clamps camera.clip durationMs to [250, 60000] with 3000 by default, audio on unless false', () => {
    expect(clipParams.parse(undefined)).toEqual({ facing: 'front', deviceId: undefined, durationMs: 3_000, includeAudio: true });
    expect(clipParams.parse({ durationMs: 10 }).durationMs).toBe(250);
    expect(clipParams.parse({ durationMs: 600_000 }).durationMs).toBe(60_000);
    expect(clipParams.parse({ durationMs: 1234.4, includeAudio: false })).toMatchObject({ durationMs: 1_234, includeAudio: false });
    expect(clipParams.safeParse({ format: 'webm' }).error?.issues[0].message).toBe('camera clip format must be mp4');
    expect(clipParams.safeParse({ includeAudio: 'yes' }).success).toBe(false);
  });

  it('accepts media inline or as a url, never both or neither', () => {
    const snap = { format: 'jpg', width: 2, height: 1 };
    expect(snapResult.safeParse({ ...snap, base64: 'AAAA' }).success).toBe(true);
    expect(snapResult.safeParse({ ...snap, url: 'https://gw/media/1' }).success).toBe(true);
    expect(snapResult.safeParse({ ...snap, base64: 'AAAA', url: 'https://gw/media/1' }).success).toBe(false);
    expect(snapResult.safeParse(snap).success).toBe(false);
    expect(clipResult.safeParse({ format: 'mp4', durationMs: 3000, hasAudio: true, url: 'https://gw/media/2' }).success).toBe(true);
  });

  it('keeps configured ffmpeg inputs from reading as options, and source ids unique and plain', () => {
    const source = { id: 'porch', name: 'Porch', input: 'rtsp://10.0.0.7/1', format: 'rtsp' };
    expect(cameraOptions.parse({ sources: [source] })).toMatchObject({ enabled: false, devices: true, sources: [{ ...source, position: 'unspecified', inputOptions: [] }] });
    for (const bad of [{ ...source, input: '-filter_complex' }, { ...source, format: '-i' }, { ...source, id: '/dev/video0' }, { ...source, id: '../x' }]) {
      expect(cameraOptions.safeParse({ sources: [bad] }).success, JSON.stringify(bad)).toBe(false);
    }
    expect(cameraOptions.safeParse({ sources: [source, source] }).error?.issues[0].message).toBe('source ids must be unique');
  });
});
