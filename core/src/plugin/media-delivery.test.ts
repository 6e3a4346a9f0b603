import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliverMediaInline } from './media-delivery.js';

async function mediaFile(bytes: number): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'media-delivery-')), 'clip.mp4');
  await writeFile(path, Buffer.alloc(bytes, 7));
  return path;
}

describe('deliverMediaInline', () => {
  it('answers the file as base64 and removes it', async () => {
    const path = await mediaFile(3_000);
    const media = await deliverMediaInline({ path, contentType: 'video/mp4' }, 1024 * 1024);
    expect(Buffer.from(media.base64 ?? '', 'base64')).toEqual(Buffer.alloc(3_000, 7));
    expect(existsSync(path)).toBe(false);
  });

  it('refuses media a frame cannot carry with PAYLOAD_TOO_LARGE and the size, and still removes the file', async () => {
    const path = await mediaFile(900_000);
    await expect(deliverMediaInline({ path, contentType: 'video/mp4' }, 1024 * 1024)).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { bytes: 900_000, base64Bytes: 1_200_000 },
    });
    expect(existsSync(path)).toBe(false);
  });
});
