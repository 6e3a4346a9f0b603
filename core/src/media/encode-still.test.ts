import { describe, expect, it } from 'vitest';
import { encodeStill } from './encode-still.js';
import { fitStill } from './fit-still.js';
import { base64Length, MEDIA_BASE64_BUDGET } from './media-budget.js';
import { decoded, noisePng, splitPng } from '../../../test/support/media-fixtures.js';

describe('encodeStill', () => {
  it('downscales to maxWidth keeping the aspect ratio and the picture', async () => {
    const still = await encodeStill(await splitPng(1280, 720), { format: 'png', maxWidth: 640 });
    expect(still).toMatchObject({ format: 'png', width: 640, height: 360 });
    const image = await decoded(still.bytes);
    expect(image).toMatchObject({ format: 'png', width: 640, height: 360 });
    expect(image.pixel(100, 180)).toEqual([255, 0, 0]);
    expect(image.pixel(540, 180)).toEqual([0, 0, 255]);
  });

  it('never upscales, and writes JPEG at the quality asked for', async () => {
    const png = await noisePng(320, 200);
    const high = await encodeStill(png, { format: 'jpeg', maxWidth: 4000, quality: 1 });
    const low = await encodeStill(png, { format: 'jpeg', quality: 0.2 });
    expect(high).toMatchObject({ width: 320, height: 200, quality: 1 });
    expect((await decoded(high.bytes)).format).toBe('jpeg');
    expect(low.bytes.length).toBeLessThan(high.bytes.length / 2);
  });

  it('refuses input that is not an image, and an image past the pixel limit, with MEDIA_TRANSCODE_FAILED', async () => {
    await expect(encodeStill(Buffer.from('not an image'), { format: 'png' })).rejects.toMatchObject({ code: 'MEDIA_TRANSCODE_FAILED' });
    const big = await noisePng(400, 300);
    await expect(encodeStill(big, { format: 'jpeg', maxInputPixels: 400 * 300 - 1 })).rejects.toMatchObject({
      code: 'MEDIA_TRANSCODE_FAILED',
      message: expect.stringContaining('pixel limit'),
    });
  });
});

describe('fitStill', () => {
  it('keeps a still that fits as asked, and gives its base64', async () => {
    const shot = await fitStill(await splitPng(800, 600), { format: 'jpeg', maxWidth: 400, quality: 0.9 });
    expect(shot).toMatchObject({ format: 'jpeg', width: 400, height: 300, quality: 0.9 });
    expect(Buffer.from(shot.base64, 'base64').equals(shot.bytes)).toBe(true);
  });

  it('lowers JPEG quality first, then width, until the base64 fits the budget', async () => {
    const png = await noisePng(1200, 800);
    const full = await encodeStill(png, { format: 'jpeg', quality: 0.9 });
    const budget = Math.floor(base64Length(full.bytes.length) / 4);
    const shot = await fitStill(png, { format: 'jpeg', quality: 0.9, maxBase64Bytes: budget });
    expect(shot.base64.length).toBeLessThanOrEqual(budget);
    expect(shot.quality).toBeLessThan(0.9);
    expect(shot.height / shot.width).toBeCloseTo(800 / 1200, 2);
    expect((await decoded(shot.bytes)).format).toBe('jpeg');
  });

  it('brings a PNG over the 5 MB base64 rule under it by width alone', async () => {
    const png = await noisePng(2400, 1600);
    expect(base64Length(png.length)).toBeGreaterThan(MEDIA_BASE64_BUDGET);
    const shot = await fitStill(png, { format: 'png' });
    expect(shot.base64.length).toBeLessThanOrEqual(MEDIA_BASE64_BUDGET);
    expect(shot.width).toBeLessThan(2400);
    expect(await decoded(shot.bytes)).toMatchObject({ format: 'png', width: shot.width, height: shot.height });
  });

  it('fails with MEDIA_BUDGET_EXCEEDED when even the smallest try is over budget', async () => {
    const attempt = fitStill(await noisePng(300, 200), { format: 'jpeg', maxBase64Bytes: 100 });
    await expect(attempt).rejects.toMatchObject({ code: 'MEDIA_BUDGET_EXCEEDED', details: { budget: 100 }, message: expect.stringMatching(/budget is 100 bytes/) });
  });
});
