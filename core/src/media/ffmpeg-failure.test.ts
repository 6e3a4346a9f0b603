import { describe, expect, it } from 'vitest';
import { OpenClawError } from '../errors/openclaw-error.js';
import { ffmpegFailure } from './ffmpeg-failure.js';
import { clipDurationMs } from './media-budget.js';

const run = (stderr: string) => new OpenClawError('MEDIA_TRANSCODE_FAILED', `ffmpeg exited with code 1: ${stderr}`, { details: { program: 'ffmpeg', stderr, exitCode: 1 } });

describe('sorting a failed ffmpeg capture', () => {
  it('tells cancelled, missing and timed-out runs apart', () => {
    expect(ffmpegFailure(new OpenClawError('ABORTED', 'ffmpeg was cancelled')).kind).toBe('cancelled');
    expect(ffmpegFailure(new OpenClawError('MEDIA_TRANSCODE_FAILED', 'ffmpeg is not installed', { details: { missing: true } })).kind).toBe('missing');
    expect(ffmpegFailure(new OpenClawError('MEDIA_TRANSCODE_FAILED', 'ffmpeg did not finish within 5 ms', { details: { timedOut: true } })).kind).toBe('timed-out');
  });

  it('names a build without a needed input, encoder or filter, and the input it lacks', () => {
    expect(ffmpegFailure(run("Unknown input format: 'x11grab'"))).toMatchObject({ kind: 'lacks-feature', missingInput: 'x11grab', reason: "Unknown input format: 'x11grab'" });
    expect(ffmpegFailure(run('Unknown encoder libx264'))).toMatchObject({ kind: 'lacks-feature', missingInput: undefined });
  });

  it('calls a device, display or socket this user may not open denied, with the last stderr line as the reason', () => {
    expect(ffmpegFailure(run('[video4linux2] opening\n/dev/video0: Permission denied'))).toMatchObject({ kind: 'denied', reason: '/dev/video0: Permission denied' });
    expect(ffmpegFailure(run('Authorization required, but no authorization protocol specified')).kind).toBe('denied');
    expect(ffmpegFailure(run('x'.repeat(1_000))).reason).toHaveLength(300);
    expect(ffmpegFailure(new Error('spawn failed'))).toMatchObject({ kind: 'failed', reason: 'spawn failed' });
  });
});

describe('the length a node records', () => {
  it('rounds and clamps to [250, 60000], with the fallback for anything but a finite number', () => {
    expect([10, 1_500.4, 90_000, Number.NaN, Infinity, '5000', null].map((v) => clipDurationMs(v, 3_000))).toEqual([250, 1_500, 60_000, 3_000, 3_000, 3_000, 3_000]);
  });
});
