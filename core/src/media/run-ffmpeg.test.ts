import { describe, expect, it } from 'vitest';
import { runFfmpeg } from './run-ffmpeg.js';

// A shell stands in for the program so each outcome is exact; the real ffmpeg runs in the screen tests.
const sh = (script: string, extra: Partial<Parameters<typeof runFfmpeg>[1]> = {}) =>
  runFfmpeg(['-c', script], { program: '/bin/sh', env: { PATH: '/usr/bin:/bin', ONLY: 'this' }, timeoutMs: 10_000, maxStdoutBytes: 64 * 1024, ...extra });

describe('runFfmpeg', () => {
  it('gives the child exactly the environment it is handed', async () => {
    const { stdout } = await sh('env | sort');
    expect(stdout.toString().split('\n').filter((l) => /^(PATH|ONLY|HOME|OPENCLAW)/.test(l))).toEqual(['ONLY=this', 'PATH=/usr/bin:/bin']);
  });

  it('fails with the last stderr line and keeps only the tail of stderr however much is printed', async () => {
    const run = sh('head -c 200000 /dev/zero | tr "\\0" x >&2; echo >&2; echo "Cannot open display :42" >&2; exit 3');
    const err = await run.catch((e) => e);
    expect(err).toMatchObject({ code: 'MEDIA_TRANSCODE_FAILED', message: '/bin/sh exited with code 3: Cannot open display :42', details: { exitCode: 3 } });
    expect(err.details.stderr.length).toBeLessThanOrEqual(8 * 1024);
    expect(err.details.stderr).toContain('Cannot open display :42');
  });

  it('kills the child on abort (ABORTED) and past the timeout (MEDIA_TRANSCODE_FAILED)', async () => {
    const controller = new AbortController();
    const aborted = sh('sleep 30', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(sh('sleep 30', { timeoutMs: 200 })).rejects.toMatchObject({ code: 'MEDIA_TRANSCODE_FAILED', message: '/bin/sh did not finish within 200 ms', details: { timedOut: true } });
  });

  it('runs the program through a launcher, and still says how to install it when the launcher cannot find it', async () => {
    const launcher = ['/usr/bin/env', '--'];
    expect((await runFfmpeg(['-c', 'echo $ONLY'], { program: '/bin/sh', launcher, env: { ONLY: 'through env' }, timeoutMs: 5_000, maxStdoutBytes: 1024 })).stdout.toString()).toBe('through env\n');
    await expect(runFfmpeg([], { program: '/nonexistent/ffmpeg', launcher, env: {}, timeoutMs: 5_000 })).rejects.toMatchObject({ details: { missing: true }, message: expect.stringContaining('apt-get install ffmpeg') });
  });

  it('keeps the head of a long listing with stdoutOverflow truncate, and kills a child past maxStdoutBytes otherwise', async () => {
    const truncated = await sh('head -c 100000 /dev/zero | tr "\\0" y', { maxStdoutBytes: 1000, stdoutOverflow: 'truncate' });
    expect(truncated.stdout.toString()).toBe('y'.repeat(1000));
    await expect(sh('head -c 100000 /dev/zero | tr "\\0" y', { maxStdoutBytes: 1000 })).rejects.toMatchObject({ code: 'MEDIA_TRANSCODE_FAILED', details: { tooLarge: true } });
  });

  it('says how to install a missing program', async () => {
    await expect(runFfmpeg(['-version'], { program: 'no-such-ffmpeg-here', env: { PATH: '/nonexistent' }, timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'MEDIA_TRANSCODE_FAILED',
      message: expect.stringContaining('apt-get install ffmpeg'),
      details: { missing: true },
    });
  });
});
