import { OpenClawError } from '@openclaw-nodes/core/errors';
import { describe, expect, it } from 'vitest';
import { captureFailure } from './capture-failure.js';

const ffmpegSaid = (stderr: string) => new OpenClawError('MEDIA_TRANSCODE_FAILED', `ffmpeg exited with code 1: ${stderr}`, { details: { program: 'ffmpeg', stderr, exitCode: 1 } });

describe('what a failed screen capture tells the caller', () => {
  it('calls an ffmpeg build without a needed encoder unavailable, with the fix, like one without the grabber', () => {
    expect(captureFailure(ffmpegSaid("Unknown input format: 'x11grab'"), 'recording')).toMatchObject({ code: 'SCREEN_UNAVAILABLE', message: expect.stringContaining('built without the x11grab input') });
    expect(captureFailure(ffmpegSaid('Unknown encoder libx264'), 'recording')).toMatchObject({ code: 'SCREEN_UNAVAILABLE', message: expect.stringContaining("install a full build (e.g. Debian's ffmpeg)") });
  });

  it('calls a display this user may not open a permission matter, and a refusing sound server the microphone', () => {
    expect(captureFailure(ffmpegSaid(':0: Permission denied'), 'snapshot').code).toBe('SCREEN_PERMISSION_REQUIRED');
    expect(captureFailure(ffmpegSaid('No protocol specified'), 'snapshot').code).toBe('SCREEN_PERMISSION_REQUIRED');
    expect(captureFailure(ffmpegSaid('[pulse] connect: Access denied'), 'recording').code).toBe('MIC_PERMISSION_REQUIRED');
    expect(captureFailure(ffmpegSaid('Invalid data found when processing input'), 'recording').code).toBe('SCREEN_CAPTURE_FAILED');
  });
});
