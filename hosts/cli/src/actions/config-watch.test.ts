import { watch, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { poll } from '../../../../test/support/poll.js';
import { tempDir } from '../../../../test/support/temp-dir.js';
import { watchConfigFile } from './config-watch.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
  while (cleanups.length) cleanups.pop()!();
});

/**
 * Writes a marker file into `dir` and resolves once a watcher of its own sees it. One inotify
 * watch serves every watcher of a directory and reports in order to each in turn, so by then
 * the watcher under test has seen every change made before the marker.
 */
async function settled(dir: string): Promise<void> {
  const marker = `marker-${Math.random().toString(36).slice(2)}`;
  const seen = new Promise<void>((resolve) => {
    const witness = watch(dir, { persistent: false }, (_event, file) => file === marker && (witness.close(), resolve()));
  });
  writeFileSync(join(dir, marker), '');
  await seen;
}

/** Fakes the debounce timer only: file events keep arriving in real time. */
const fakeTimers = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

function watched(reload: () => Promise<void>, onError: (err: unknown) => void = () => undefined) {
  const dir = tempDir('openclaw-config-watch-');
  const path = join(dir.path, 'openclaw.json');
  writeFileSync(path, '{}');
  const stop = watchConfigFile(path, reload, onError);
  cleanups.push(dir.cleanup, stop);
  return { dir: dir.path, path };
}

describe('watchConfigFile', () => {
  it('reloads once after a burst of writes, and again after an editor replaces the file by rename', async () => {
    fakeTimers();
    let reloads = 0;
    const { dir, path } = watched(async () => void reloads++);
    for (let i = 0; i < 5; i++) writeFileSync(path, JSON.stringify({ i }));
    await settled(dir);
    expect(reloads).toBe(0);
    vi.advanceTimersByTime(250);
    expect(reloads).toBe(1);
    // Nothing left scheduled: no second reload for the same burst.
    expect(vi.getTimerCount()).toBe(0);
    writeFileSync(join(dir, 'openclaw.json.tmp'), '{"mode":"on"}');
    renameSync(join(dir, 'openclaw.json.tmp'), path);
    await settled(dir);
    vi.advanceTimersByTime(250);
    expect(reloads).toBe(2);
  });

  it('ignores other files in the directory', async () => {
    fakeTimers();
    let reloads = 0;
    const { dir } = watched(async () => void reloads++);
    writeFileSync(join(dir, 'notes.txt'), 'x');
    await settled(dir);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(reloads).toBe(0);
  });

  it('reports a failing reload and keeps watching', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const { path } = watched(async () => {
      calls++;
      if (calls === 1) throw new Error('CONFIG_INVALID: bad json');
    }, (err) => errors.push(err));
    writeFileSync(path, '{');
    await poll(async () => (errors.length === 1 ? true : undefined), 'the error reported');
    writeFileSync(path, '{}');
    await poll(async () => (calls === 2 ? true : undefined), 'a second reload');
  });
});
