import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mediaResultFile, readMediaResult, replaceMediaBytes, replaceMediaResult } from '@openclaw-nodes/core/plugin';
import { mediaSettings } from './media-settings.js';
import { MediaStore } from './media-store.js';

let dir: string;
let store: MediaStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'media-store-'));
  store = new MediaStore(join(dir, 'media'), mediaSettings({ ttlMs: 60_000 }));
  await store.start();
});

afterEach(async () => {
  await store.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Media node `n1` uploaded for invoke `i1`, as its url. */
async function uploaded(bytes: Buffer): Promise<string> {
  const slot = store.slots.create('n1', 'i1', 'image/png', bytes.length);
  const stored = await store.upload(slot.id, 'n1', bytes.length, Readable.from([bytes]));
  return `/v1/media/${stored.id}`;
}

describe('reading and replacing stored media in a result processor', () => {
  it('reads a url result from the store and an inline one from its base64', async () => {
    const url = await uploaded(Buffer.from('stored bytes'));
    expect((await readMediaResult(store, { url })).toString()).toBe('stored bytes');
    expect((await readMediaResult(store, { base64: Buffer.from('inline').toString('base64') })).toString()).toBe('inline');
    await expect(readMediaResult(store, { url: '/v1/media/nope' })).rejects.toMatchObject({ code: 'MEDIA_NOT_FOUND' });
  });

  it('refuses to read whole a stored file bigger than the processor takes', async () => {
    const url = await uploaded(Buffer.alloc(2_000, 1));
    await expect(readMediaResult(store, { url }, 1_000)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { bytes: 2_000, limitBytes: 1_000 } });
  });

  it('gives a url result as the stored file itself and an inline one as a new private file', async () => {
    const url = await uploaded(Buffer.from('stored bytes'));
    expect(await mediaResultFile(store, { url }, dir)).toBe(store.lookup(url)!.path);
    const written = await mediaResultFile(store, { base64: Buffer.from('inline').toString('base64') }, dir);
    expect(readFileSync(written, 'utf8')).toBe('inline');
    expect(statSync(written).mode & 0o777).toBe(0o600);
  });

  it('replaces a result with bytes made in memory, the way the node delivered it', async () => {
    const url = await uploaded(Buffer.from('original'));
    const replaced = await replaceMediaBytes(store, { url }, Buffer.from('resized'), 'image/jpeg');
    expect(store.lookup(replaced.url!)).toMatchObject({ contentType: 'image/jpeg', bytes: 7 });
    expect(await replaceMediaBytes(store, { base64: 'AAAA' }, Buffer.from('tiny'), 'image/jpeg')).toEqual({ base64: Buffer.from('tiny').toString('base64') });
  });

  it('replaces a url result with a new stored file for the same node and invoke, removing the old one', async () => {
    const url = await uploaded(Buffer.from('original'));
    const resized = join(dir, 'resized.png');
    writeFileSync(resized, 'smaller');
    const replaced = await replaceMediaResult(store, { url }, { path: resized, contentType: 'image/png' });
    expect(replaced.url).toMatch(/^\/v1\/media\//);
    expect(replaced.url).not.toBe(url);
    expect(store.lookup(url)).toBeUndefined();
    expect(store.lookup(replaced.url!)).toMatchObject({ nodeId: 'n1', invokeId: 'i1', bytes: 7 });
    expect(existsSync(resized)).toBe(false);
    expect(readdirSync(join(dir, 'media'))).toHaveLength(1);
  });

  it('replaces an inline result inline', async () => {
    const resized = join(dir, 'resized.png');
    writeFileSync(resized, 'smaller');
    expect(await replaceMediaResult(store, { base64: 'AAAA' }, { path: resized, contentType: 'image/png' })).toEqual({ base64: Buffer.from('smaller').toString('base64') });
    expect(existsSync(resized)).toBe(false);
  });
});
