import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import { mediaLine, writeMediaFile } from './media-file.js';

let root: { path: string; cleanup: () => void };
beforeEach(() => {
  root = tempDir('openclaw-media-');
});
afterEach(() => root.cleanup());

describe('media files', () => {
  it('decodes base64 into a new private file named <prefix>-<uuid>.<ext> in the temp dir', async () => {
    const path = await writeMediaFile(Buffer.from('hello').toString('base64'), 'openclaw-canvas-snapshot', 'png', { preferred: join(root.path, 'openclaw') });
    expect(path.startsWith(join(root.path, 'openclaw'))).toBe(true);
    expect(basename(path)).toMatch(/^openclaw-canvas-snapshot-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.png$/);
    expect(readFileSync(path, 'utf8')).toBe('hello');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a payload that is not base64, with MEDIA_PAYLOAD_INVALID', async () => {
    for (const bad of [undefined, '', 'not base64!', 'abc', 42]) {
      await expect(writeMediaFile(bad, 'x', 'png', { preferred: join(root.path, 'openclaw') })).rejects.toMatchObject({ code: 'MEDIA_PAYLOAD_INVALID' });
    }
  });

  it('reports a temp dir it cannot create as MEDIA_WRITE_FAILED', async () => {
    const { writeFileSync } = await import('node:fs');
    // Both the fixed directory and the fallback's parent are files, so neither can be a directory.
    const file = join(root.path, 'file');
    writeFileSync(file, '');
    const attempt = writeMediaFile('aGk=', 'openclaw-canvas-snapshot', 'png', { preferred: join(file, 'openclaw'), tmpRoot: file, uid: process.getuid!() });
    await expect(attempt).rejects.toMatchObject({ code: 'MEDIA_WRITE_FAILED', message: expect.stringMatching(/^could not write openclaw-canvas-snapshot-.*\.png to the OpenClaw temp dir: neither .* is a private directory/) });
  });

  it('writes bytes as given, e.g. media downloaded from a url', async () => {
    const path = await writeMediaFile(Buffer.from([0xff, 0xd8, 0xff]), 'openclaw-camera-snap', 'jpg', { preferred: join(root.path, 'openclaw') });
    expect([...readFileSync(path)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('refuses a name part that is not a plain word, so a node-reported format cannot leave the temp dir', async () => {
    const preferred = join(root.path, 'openclaw');
    for (const [prefix, ext] of [['x', '../../escape'], ['x', 'png/..'], ['../x', 'png'], ['x', ''], ['x', '.png']]) {
      await expect(writeMediaFile('aGk=', prefix, ext, { preferred })).rejects.toMatchObject({ code: 'MEDIA_PAYLOAD_INVALID', message: expect.stringContaining('is not a plain word') });
    }
    expect(readdirSync(root.path)).toEqual([]);
  });

  it('prints MEDIA:<path> with the home directory as ~ ($OPENCLAW_HOME first)', () => {
    expect(mediaLine('/tmp/openclaw/a.png', { HOME: '/home/ada' })).toBe('MEDIA:/tmp/openclaw/a.png');
    expect(mediaLine('/home/ada/shots/a.png', { HOME: '/home/ada' })).toBe('MEDIA:~/shots/a.png');
    expect(mediaLine('/srv/oc/tmp/a.png', { OPENCLAW_HOME: '/srv/oc' })).toBe('MEDIA:~/tmp/a.png');
    expect(mediaLine('/srv/ocx/a.png', { OPENCLAW_HOME: '/srv/oc' })).toBe('MEDIA:/srv/ocx/a.png');
  });
});

describe('media files at a given path', () => {
  it('writes exactly that path, replacing a file there and a symlink without following it', async () => {
    const { mkdirSync, symlinkSync, writeFileSync, lstatSync } = await import('node:fs');
    const { moveMediaFileTo, writeMediaFileAt } = await import('./media-file.js');
    const out = join(root.path, 'clip.mp4');
    writeFileSync(out, 'old');
    expect(await writeMediaFileAt(out, Buffer.from('new'))).toBe(out);
    expect(readFileSync(out, 'utf8')).toBe('new');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const victim = join(root.path, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const link = join(root.path, 'link.mp4');
    symlinkSync(victim, link);
    await writeMediaFileAt(link, Buffer.from('aGk=', 'base64'));
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(link).isSymbolicLink()).toBe(false);
    mkdirSync(join(root.path, 'dir.mp4'));
    const dir = join(root.path, 'dir.mp4');
    const isDir = { code: 'MEDIA_WRITE_FAILED', message: `MEDIA_WRITE_FAILED: could not write ${dir}: it is a directory; name a file (a path that ends in a file name)` };
    await expect(writeMediaFileAt(dir, 'aGk=')).rejects.toMatchObject(isDir);
    writeFileSync(join(root.path, 'from.bin'), 'x');
    await expect(moveMediaFileTo(join(root.path, 'from.bin'), dir)).rejects.toMatchObject(isDir);
    await expect(writeMediaFileAt(join(root.path, 'missing', 'x.mp4'), 'aGk=')).rejects.toMatchObject({ code: 'MEDIA_WRITE_FAILED', message: expect.stringContaining(`the directory ${join(root.path, 'missing')} does not exist`) });
    expect(readdirSync(root.path).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});
