import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

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
