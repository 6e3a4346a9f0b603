import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';

const run = promisify(execFile);

/**
 * A PNG of random pixels: noise is the worst case for every codec, so its size tracks the
 * pixel count and budgets really bite.
 */
export async function noisePng(width: number, height: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

/** A PNG, red left half and blue right half. */
export async function splitPng(width: number, height: number): Promise<Buffer> {
  const half = { width: width / 2, height, channels: 3 as const };
  const red = await sharp({ create: { ...half, background: '#ff0000' } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#0000ff' } }).composite([{ input: red, left: 0, top: 0 }]).png().toBuffer();
}

/** Decoded pixels and metadata of an encoded image. */
export async function decoded(bytes: Buffer) {
  const { format } = await sharp(bytes).metadata();
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
  return { format, width: info.width, height: info.height, pixel };
}

/** ffmpeg's lavfi test pattern (`testsrc`) as a clip source, at 25 fps. */
export const testPattern = (width: number, height: number, seconds?: number) => ({
  input: `testsrc=size=${width}x${height}:rate=25${seconds === undefined ? '' : `:duration=${seconds}`}`,
  format: 'lavfi',
});

/** ffmpeg's lavfi sine tone as an audio source. */
export const sineTone = (seconds: number) => ({ input: `sine=frequency=440:duration=${seconds}`, format: 'lavfi' });

/**
 * A real clip that is not H.264/AAC MP4: `seconds` of test pattern (MPEG-4 part 2) and,
 * unless `audio` is false, a sine tone (MP3), in Matroska. Made with the ffmpeg binary, not
 * the code under test.
 */
export async function makeSourceClip(dir: string, { width = 320, height = 240, seconds = 2, audio = true } = {}): Promise<string> {
  const path = join(dir, `source-${width}x${height}-${seconds}s${audio ? '' : '-mute'}.mkv`);
  const video = ['-f', 'lavfi', '-i', testPattern(width, height, seconds).input];
  const sound = audio ? ['-f', 'lavfi', '-i', sineTone(seconds).input, '-c:a', 'libmp3lame'] : [];
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...video, ...sound, '-c:v', 'mpeg4', '-shortest', path]);
  return path;
}
