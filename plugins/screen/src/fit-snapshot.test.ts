import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { rootContainer } from '@openclaw-nodes/core/di';
import { MEDIA_STORE } from '@openclaw-nodes/core/plugin';
import { fitSnapshotWidth } from './fit-snapshot.js';

const png = async (width: number, height: number) =>
  (await sharp({ create: { width, height, channels: 3, background: { r: 0, g: 128, b: 255 } } }).png().toBuffer()).toString('base64');
// A gateway store holding nothing: inline results never touch it, a url names nothing here.
const container = rootContainer.createChildContainer().register(MEDIA_STORE, { useValue: { lookup: () => undefined, replace: async () => '' } });
const ctx = (params: unknown) => ({ nodeId: 'n', command: 'screen.snapshot', params, container, signal: new AbortController().signal });

describe('the gateway fitting screen.snapshot to maxWidth', () => {
  it('downscales an inline image a node sent wider than asked, keeping format and aspect', async () => {
    const result = { format: 'png', base64: await png(400, 300), width: 400, height: 300, screenIndex: 0 };
    const fitted = (await fitSnapshotWidth(result, ctx({ maxWidth: 100 }))) as typeof result;
    expect(fitted).toMatchObject({ format: 'png', width: 100, height: 75, screenIndex: 0 });
    expect(await sharp(Buffer.from(fitted.base64, 'base64')).metadata()).toMatchObject({ format: 'png', width: 100, height: 75 });
  });

  it('passes through what needs nothing: no maxWidth, narrow enough, not an image', async () => {
    const result = { format: 'png', base64: await png(80, 60), width: 80, height: 60 };
    expect(await fitSnapshotWidth(result, ctx({}))).toBe(result);
    expect(await fitSnapshotWidth(result, ctx({ maxWidth: 100 }))).toBe(result);
    const gif = { format: 'gif', url: '/v1/media/x', width: 4000, height: 3000 };
    expect(await fitSnapshotWidth(gif, ctx({ maxWidth: 100 }))).toBe(gif);
  });

  it('fails with MEDIA_NOT_FOUND for a wide url result that is not stored on this gateway', async () => {
    const elsewhere = { format: 'png', url: 'http://127.0.0.1/v1/media/x', width: 4000, height: 3000 };
    await expect(fitSnapshotWidth(elsewhere, ctx({ maxWidth: 100 }))).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND' });
  });

  it('fails with MEDIA_TRANSCODE_FAILED when a node sends something that is not the image it claims', async () => {
    const lie = { format: 'png', base64: Buffer.from('not a png').toString('base64'), width: 4000 };
    await expect(fitSnapshotWidth(lie, ctx({ maxWidth: 100 }))).rejects.toMatchObject({ code: 'MEDIA_TRANSCODE_FAILED' });
  });
});
