import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

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
