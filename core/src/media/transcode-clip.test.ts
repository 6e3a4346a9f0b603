import { existsSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSourceClip, sineTone, testPattern } from '../../../test/support/media-fixtures.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { probeMedia } from './probe-media.js';
import { transcodeClip } from './transcode-clip.js';

/** Two frames at 25 fps: container and AAC priming may shift the end by that much. */
const TWO_FRAMES_MS = 80;

let dir: { path: string; cleanup: () => void };
let source: string;
beforeAll(async () => {
  dir = tempDir('openclaw-clip-');
  source = await makeSourceClip(dir.path);
});
afterAll(() => dir.cleanup());

const out = (name: string) => join(dir.path, name);

describe('probeMedia', () => {
  it('reads container, duration, size and streams of a real clip', async () => {
    const info = await probeMedia(source);
    expect(info).toMatchObject({ container: 'matroska,webm', width: 320, height: 240, hasVideo: true, hasAudio: true, videoCodec: 'mpeg4', audioCodec: 'mp3', fps: 25 });
    expect(Math.abs(info.durationMs! - 2000)).toBeLessThanOrEqual(TWO_FRAMES_MS);
  });

  it('fails with MEDIA_PROBE_FAILED for a file that is not media, or missing', async () => {
    writeFileSync(out('notes.mp4'), 'just text');
    await expect(probeMedia(out('notes.mp4'))).rejects.toMatchObject({ code: 'MEDIA_PROBE_FAILED' });
    await expect(probeMedia(out('missing.mp4'))).rejects.toMatchObject({ code: 'MEDIA_PROBE_FAILED', message: expect.stringContaining('missing.mp4') });
  });
});

describe('transcodeClip', () => {
  it('turns a clip into H.264/AAC MP4 of the same length, scaled down to maxWidth', async () => {
    const clip = await transcodeClip({ input: source }, out('clip.mp4'), { maxWidth: 160 });
    expect(clip).toMatchObject({ path: out('clip.mp4'), container: expect.stringContaining('mp4'), videoCodec: 'h264', audioCodec: 'aac', width: 160, height: 120, hasAudio: true });
    expect(Math.abs(clip.durationMs! - 2000)).toBeLessThanOrEqual(TWO_FRAMES_MS);
    expect(await probeMedia(clip.path)).toMatchObject({ videoCodec: 'h264', audioCodec: 'aac', width: 160, height: 120 });
  });

  it('cuts to maxDurationMs and drops the sound when asked', async () => {
    const clip = await transcodeClip({ input: source }, out('short.mp4'), { maxDurationMs: 1000, includeAudio: false });
    expect(clip).toMatchObject({ hasAudio: false, width: 320, height: 240 });
    expect(Math.abs(clip.durationMs! - 1000)).toBeLessThanOrEqual(TWO_FRAMES_MS);
  });

  it('records from generator or device sources, taking video from one and sound from another', async () => {
    const clip = await transcodeClip([testPattern(240, 180), sineTone(5)], out('live.mp4'), { maxDurationMs: 1500 });
    expect(clip).toMatchObject({ width: 240, height: 180, hasVideo: true, hasAudio: true, videoCodec: 'h264' });
    expect(Math.abs(clip.durationMs! - 1500)).toBeLessThanOrEqual(TWO_FRAMES_MS);
  });

  it('fails with MEDIA_BUDGET_EXCEEDED past maxBytes and leaves no file', async () => {
    await expect(transcodeClip({ input: source }, out('big.mp4'), { maxBytes: 1000 })).rejects.toMatchObject({ code: 'MEDIA_BUDGET_EXCEEDED', details: { budget: 1000 } });
    expect(existsSync(out('big.mp4'))).toBe(false);
  });

  it('fails with MEDIA_TRANSCODE_FAILED for no source at all', async () => {
    await expect(transcodeClip([], out('none.mp4'))).rejects.toMatchObject({ code: 'MEDIA_TRANSCODE_FAILED' });
  });

  it('fails with MEDIA_TRANSCODE_FAILED for input that is not media, and leaves no file', async () => {
    writeFileSync(out('text.mkv'), 'not a clip');
    await expect(transcodeClip({ input: out('text.mkv') }, out('text.mp4'))).rejects.toMatchObject({ code: 'MEDIA_TRANSCODE_FAILED' });
    expect(existsSync(out('text.mp4'))).toBe(false);
  });

  it('refuses a "clip" that is a playlist pulling in another local file', async () => {
    // An HLS playlist with an .mp4 name: ffmpeg would read the segment it names from disk.
    await copyFile(source, out('secret.mkv'));
    writeFileSync(out('playlist.mp4'), '#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nsecret.mkv\n#EXT-X-ENDLIST\n');
    await expect(transcodeClip({ input: out('playlist.mp4') }, out('leak.mp4'))).rejects.toMatchObject({ code: 'MEDIA_TRANSCODE_FAILED', message: expect.stringContaining('hls container, which is not opened here') });
    await expect(probeMedia(out('playlist.mp4'))).rejects.toMatchObject({ code: 'MEDIA_PROBE_FAILED', message: expect.stringContaining('hls container') });
    expect(existsSync(out('leak.mp4'))).toBe(false);
  });

  it('kills ffmpeg on abort (ABORTED) and past timeoutMs (MEDIA_TRANSCODE_FAILED), leaving no file', async () => {
    // `-re` reads the endless pattern in real time, so these runs would take a minute.
    const live = { ...testPattern(160, 120), options: ['-re'] };
    const controller = new AbortController();
    const aborted = transcodeClip(live, out('aborted.mp4'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(transcodeClip(live, out('slow.mp4'), { timeoutMs: 300 })).rejects.toMatchObject({ code: 'MEDIA_TRANSCODE_FAILED', message: 'ffmpeg did not finish within 300 ms' });
    expect(existsSync(out('aborted.mp4')) || existsSync(out('slow.mp4'))).toBe(false);
  });
});
