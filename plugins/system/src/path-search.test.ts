import { chmodSync, linkSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { afterPendingEvents, MAX_AGE_MS, MAX_NAMES, PathSearch } from './path-search.js';

let root: string;
let n = 0;
const searches: PathSearch[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'openclaw-path-search-'));
});
afterEach(() => {
  while (searches.length) searches.pop()!.close();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Fresh directories below the temp root, created unless `missing`. */
function dirs(count: number, { missing = false } = {}): string[] {
  return Array.from({ length: count }, () => {
    const dir = join(root, `d${n++}`, 'bin');
    if (!missing) mkdirSync(dir, { recursive: true });
    return dir;
  });
}

function install(dir: string, name: string, mode = 0o755): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), '#!/bin/sh\n');
  chmodSync(join(dir, name), mode);
  return join(dir, name);
}

/** A remembering search over `path`, asked as `system.which` asks: after pending events. */
function searchOn(path: string[], now?: () => number) {
  const search = new PathSearch(path.join(delimiter), { remember: true, now });
  searches.push(search);
  return async (name: string) => {
    await afterPendingEvents();
    return search.find(name);
  };
}

// Every case asks first, so the answer is remembered, then changes the disk and asks again.
describe('PathSearch, remembering answers between calls', () => {
  it('finds a binary installed into a PATH directory on the very next call', async () => {
    const [a, b] = dirs(2);
    const find = searchOn([a!, b!]);
    expect(await find('tool')).toBeUndefined();
    const path = install(b!, 'tool');
    expect(await find('tool')).toBe(path);
  });

  it('stops finding a binary once it is removed or loses its execute permission', async () => {
    const [a] = dirs(1);
    const find = searchOn([a!]);
    const path = install(a!, 'gone');
    const other = install(a!, 'locked');
    expect([await find('gone'), await find('locked')]).toEqual([path, other]);
    rmSync(path);
    chmodSync(other, 0o644);
    expect([await find('gone'), await find('locked')]).toEqual([undefined, undefined]);
    chmodSync(other, 0o755);
    expect(await find('locked')).toBe(other);
  });

  it.each([
    ['one that existed', false],
    ['one created after the search started', true],
  ])('prefers a binary installed into an earlier PATH directory, %s', async (_what, missing) => {
    const [first] = dirs(1, { missing });
    const [second] = dirs(1);
    const find = searchOn([first!, second!]);
    install(second!, 'dup');
    expect(await find('dup')).toBe(join(second!, 'dup'));
    expect(await find('dup')).toBe(join(second!, 'dup'));
    install(first!, 'dup');
    expect(await find('dup')).toBe(join(first!, 'dup'));
  });

  it('follows a PATH directory that was moved away and replaced', async () => {
    const [a] = dirs(1);
    const find = searchOn([a!]);
    install(a!, 'moved');
    expect(await find('moved')).toBe(join(a!, 'moved'));
    renameSync(a!, `${a}.old`);
    mkdirSync(a!);
    expect(await find('moved')).toBeUndefined();
    install(a!, 'moved');
    expect(await find('moved')).toBe(join(a!, 'moved'));
  });

  it('checks a binary that is a symlink out of its directory on every call', async () => {
    const [a, elsewhere] = dirs(2);
    const target = install(elsewhere!, 'real');
    symlinkSync(target, join(a!, 'linked'));
    const find = searchOn([a!]);
    expect(await find('linked')).toBe(join(a!, 'linked'));
    rmSync(target);
    expect(await find('linked')).toBeUndefined();
  });

  it('sees a change no watcher reports once the remembered answer is older than MAX_AGE_MS', async () => {
    const [a] = dirs(1);
    const parent = join(a!, '..');
    let clock = 0;
    const find = searchOn([a!], () => clock);
    install(a!, 'swapped', 0o755);
    expect(await find('swapped')).toBe(join(a!, 'swapped'));
    // The directory above is replaced: the watched directory itself never changes.
    renameSync(parent, `${parent}.old`);
    install(a!, 'other');
    clock += MAX_AGE_MS;
    expect(await find('swapped')).toBeUndefined();
    expect(await find('other')).toBe(join(a!, 'other'));
  });

  it('remembers at most MAX_NAMES names', async () => {
    const [a] = dirs(1);
    const search = new PathSearch(a!, { remember: true });
    searches.push(search);
    for (let i = 0; i < MAX_NAMES + 10; i++) search.find(`name-${i}`);
    expect(search.remembered).toBe(MAX_NAMES);
  });

  it('lets an answer expire on the monotonic clock, whatever the wall clock does', async () => {
    const [a, elsewhere] = dirs(2);
    // The wall clock stands still (stepped back by an administrator or NTP, it would for as long).
    const stepped = vi.spyOn(Date, 'now').mockReturnValue(Date.now() - 3_600_000);
    try {
      const find = searchOn([a!]);
      const path = install(a!, 'linked-tool');
      linkSync(path, join(elsewhere!, 'hard-link'));
      expect(await find('linked-tool')).toBe(path);
      // A change no watcher of `a` reports: the mode changed through a hard link elsewhere.
      chmodSync(join(elsewhere!, 'hard-link'), 0o644);
      let answer = await find('linked-tool');
      for (let tries = 0; answer !== undefined && tries < 200; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await find('linked-tool');
      }
      expect(answer).toBeUndefined();
    } finally {
      stepped.mockRestore();
    }
  });

  it('neither watches nor remembers once closed, for a call that was in flight', async () => {
    const [a] = dirs(1);
    const search = new PathSearch(a!, { remember: true });
    searches.push(search);
    const path = install(a!, 'late');
    search.close();
    expect(search.find('late')).toBe(path);
    expect(search.remembered).toBe(0);
    rmSync(path);
    expect(search.find('late')).toBeUndefined();
  });
});
