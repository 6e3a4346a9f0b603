import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MEDIA_BASE64_BUDGET } from '@openclaw-nodes/core/media';
import { noisePng, splitPng } from '../../../test/support/media-fixtures.js';
import { snapshotParams } from './commands.js';
import { encodeSnapshot } from './snapshot-encoder.js';

/** A 1280x720 capture: red left half, blue right half. */
const capture = () => splitPng(1280, 720);

const decode = async (base64: string) => sharp(Buffer.from(base64, 'base64')).raw().toBuffer({ resolveWithObject: true });

describe('snapshot encoding', () => {
  it('downscales to maxWidth keeping the aspect ratio, and keeps the picture', async () => {
    const shot = await encodeSnapshot(await capture(), snapshotParams.parse({ format: 'png', maxWidth: 640 }));
    expect(shot).toMatchObject({ format: 'png', width: 640, height: 360 });
    const { data, info } = await decode(shot.base64);
    expect(info).toMatchObject({ width: 640, height: 360, format: 'raw' });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(100, 180)).toEqual([255, 0, 0]);
    expect(at(540, 180)).toEqual([0, 0, 255]);
  });

  it('never upscales, and applies the COMMANDS.md defaults (jpeg, 1600 px, quality 0.9; png 900 px)', async () => {
    const jpeg = await encodeSnapshot(await capture(), snapshotParams.parse(undefined));
    expect(jpeg).toMatchObject({ format: 'jpeg', width: 1280, height: 720 });
    expect(Buffer.from(jpeg.base64, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const png = await encodeSnapshot(await capture(), snapshotParams.parse({ format: 'png', maxWidth: 0 }));
    expect(png).toMatchObject({ width: 900, height: 506 });
    expect(snapshotParams.parse({ format: 'jpg', quality: 0 })).toEqual({ format: 'jpeg', maxWidth: 1600, quality: 0.05 });
  });

  it('makes smaller files at lower JPEG quality', async () => {
    const png = await capture();
    const high = await encodeSnapshot(png, snapshotParams.parse({ quality: 1 }));
    const low = await encodeSnapshot(png, snapshotParams.parse({ quality: 0.1 }));
    expect(low.base64.length).toBeLessThan(high.base64.length);
  });

  it('keeps a capture within the 5 MB base64 budget, giving up width rather than failing', async () => {
    // Random pixels: a PNG that no compressor can squeeze under 5 MB at 2400 px.
    const shot = await encodeSnapshot(await noisePng(2400, 1600), snapshotParams.parse({ format: 'png', maxWidth: 2400 }));
    expect(shot.base64.length).toBeLessThanOrEqual(MEDIA_BASE64_BUDGET);
    expect(shot.width).toBeLessThan(2400);
    expect((await decode(shot.base64)).info).toMatchObject({ width: shot.width, height: shot.height });
  });

  it('reports a capture that is not an image as CANVAS_SNAPSHOT_FAILED', async () => {
    await expect(encodeSnapshot(Buffer.from('not a png'), snapshotParams.parse({ format: 'png' }))).rejects.toMatchObject({ code: 'CANVAS_SNAPSHOT_FAILED' });
  });
});
