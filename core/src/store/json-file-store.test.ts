import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonFileStore } from './json-file-store.js';
import { rejection } from '../../../test/support/assertions.js';

interface Counter {
  n: number;
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'json-store-test-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const parseCounter = (raw: unknown): Counter => {
  if (typeof raw !== 'object' || raw === null || typeof (raw as Counter).n !== 'number') throw new Error('n must be a number');
  return { n: (raw as Counter).n };
};
const makeStore = (path = join(root, 'state', 'counter.json')) => new JsonFileStore<Counter>(path, { defaults: () => ({ n: 0 }), parse: parseCounter });

describe('JsonFileStore', () => {
  it('reads the defaults while there is no file, without creating one', async () => {
    const store = makeStore();
    expect(await store.read()).toEqual({ n: 0 });
    await expect(stat(store.path)).rejects.toThrow();
  });

  it('writes pretty JSON, mode 0600 in a 0700 directory, and reads it back', async () => {
    const store = makeStore();
    await store.write({ n: 7 });
    expect(await readFile(store.path, 'utf8')).toBe('{\n  "n": 7\n}\n');
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, 'state'))).mode & 0o777).toBe(0o700);
    expect(await makeStore().read()).toEqual({ n: 7 });
  });

  it('loses no increment when 100 updates run at once', async () => {
    const store = makeStore();
    await Promise.all(Array.from({ length: 100 }, () => store.update(async (c) => ({ n: c.n + 1 }))));
    expect(await store.read()).toEqual({ n: 100 });
  });

  it('serializes updates across two store objects on the same file', async () => {
    const a = makeStore();
    const b = makeStore();
    await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).update((c) => ({ n: c.n + 1 }))));
    expect(await a.read()).toEqual({ n: 50 });
  });

  it('keeps going after an update throws, and writes nothing for it', async () => {
    const store = makeStore();
    const failing = store.update(() => {
      throw new Error('nope');
    });
    const next = store.update((c) => ({ n: c.n + 1 }));
    await expect(failing).rejects.toThrow('nope');
    expect(await next).toEqual({ n: 1 });
  });

  it('reports unparseable JSON as STORE_CORRUPT naming the file', async () => {
    const store = makeStore();
    await store.write({ n: 1 });
    await writeFile(store.path, '{"n": 1,,}');
    const err = await rejection(store.read());
    expect(err.code).toBe('STORE_CORRUPT');
    expect(err.message).toContain(store.path);
    expect(err.message).toMatch(/move it aside/);
    await expect(store.update((c) => c)).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    expect(await readFile(store.path, 'utf8')).toBe('{"n": 1,,}');
  });

  it('reports a document the parser rejects as STORE_CORRUPT with the reason', async () => {
    const store = makeStore();
    await store.write({ n: 1 });
    await writeFile(store.path, '{"n": "one"}');
    const err = await rejection(store.read());
    expect(err.code).toBe('STORE_CORRUPT');
    expect(err.message).toContain('n must be a number');
  });

  it('removes temp files a dead writer left behind, but not those of live processes', async () => {
    const store = makeStore();
    const dir = join(root, 'state');
    // pid_max is at most 2^22 on Linux, so this pid cannot be running.
    const dead = '.counter.json.99999999.0a1b2c.tmp';
    const live = `.counter.json.${process.ppid}.0a1b2c.tmp`;
    const otherTarget = '.other.json.99999999.0a1b2c.tmp';
    await mkdir(dir, { recursive: true });
    for (const name of [dead, live, otherTarget]) await writeFile(join(dir, name), '{"n": -1');
    expect(await store.read()).toEqual({ n: 0 });
    await store.write({ n: 2 });
    expect((await readdir(dir)).sort()).toEqual([live, otherTarget, 'counter.json'].sort());
  });
});
