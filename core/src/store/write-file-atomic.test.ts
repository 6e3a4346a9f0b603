import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePrivateDir, openDirWarning } from './ensure-private-dir.js';
import { readJsonFile } from './read-json-file.js';
import { writeFileAtomic } from './write-file-atomic.js';
import { writeFileExclusive } from './write-file-exclusive.js';
import { modeOf, rejection } from '../../../test/support/assertions.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'store-test-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('creates the file 0600 and its missing directories 0700', async () => {
    const path = join(root, 'a', 'b', 'state.json');
    await writeFileAtomic(path, '{"x":1}\n');
    expect(await readFile(path, 'utf8')).toBe('{"x":1}\n');
    expect(await modeOf(path)).toBe(0o600);
    expect(await modeOf(join(root, 'a', 'b'))).toBe(0o700);
  });

  it('replaces the content, restores the mode and leaves no temp file', async () => {
    const path = join(root, 'state.json');
    await writeFile(path, 'old');
    await chmod(path, 0o644);
    await writeFileAtomic(path, new TextEncoder().encode('new'));
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await modeOf(path)).toBe(0o600);
    expect(await readdir(root)).toEqual(['state.json']);
  });

  it('applies an explicit mode exactly', async () => {
    const path = join(root, 'public.txt');
    await writeFileAtomic(path, 'hi', { mode: 0o644 });
    expect(await modeOf(path)).toBe(0o644);
  });

  it('fails with STORE_WRITE_FAILED naming the path, and cleans up its temp file', async () => {
    const path = join(root, 'taken');
    await mkdir(join(path, 'child'), { recursive: true });
    const err = await rejection(writeFileAtomic(path, 'data'));
    expect(err.code).toBe('STORE_WRITE_FAILED');
    expect(err.details).toEqual({ path });
    expect(err.message).toContain(path);
    expect(err.cause).toBeInstanceOf(Error);
    expect(await readdir(root)).toEqual(['taken']);
  });
});

describe('writeFileExclusive', () => {
  it('writes only when the file does not exist yet', async () => {
    const path = join(root, 'once.json');
    expect(await writeFileExclusive(path, 'first')).toBe(true);
    expect(await writeFileExclusive(path, 'second')).toBe(false);
    expect(await readFile(path, 'utf8')).toBe('first');
    expect(await modeOf(path)).toBe(0o600);
    expect(await readdir(root)).toEqual(['once.json']);
  });

  it('lets exactly one of many concurrent creators win', async () => {
    const path = join(root, 'race.json');
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => writeFileExclusive(path, `writer ${i}`)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await readFile(path, 'utf8')).toBe(`writer ${results.indexOf(true)}`);
  });
});

describe('ensurePrivateDir', () => {
  it('tightens an existing directory of ours to 0700', async () => {
    const dir = join(root, 'loose');
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    await ensurePrivateDir(dir);
    expect(await modeOf(dir)).toBe(0o700);
  });

  it('leaves an existing directory as it is with keepExisting, and still creates a missing one 0700', async () => {
    const dir = join(root, 'users-own');
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    await ensurePrivateDir(dir, { keepExisting: true });
    expect(await modeOf(dir)).toBe(0o755);
    expect(await openDirWarning(dir)).toBe(`the state dir ${dir} is open to other users (mode 0755) and holds keys and tokens; run: chmod 700 '${dir}'`);
    const fresh = join(root, 'fresh', 'state');
    await ensurePrivateDir(fresh, { keepExisting: true });
    expect(await modeOf(fresh)).toBe(0o700);
    expect(await openDirWarning(fresh)).toBeUndefined();
  });
});

describe('readJsonFile', () => {
  it('resolves undefined for a missing file', async () => {
    expect(await readJsonFile(join(root, 'nope.json'))).toBeUndefined();
  });

  it('reports an unparseable file as STORE_CORRUPT with the fix in the message', async () => {
    const path = join(root, 'broken.json');
    await writeFile(path, '{"half":');
    const err = await rejection(readJsonFile(path));
    expect(err.code).toBe('STORE_CORRUPT');
    expect(err.details).toEqual({ path });
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/move it aside/);
  });
});
