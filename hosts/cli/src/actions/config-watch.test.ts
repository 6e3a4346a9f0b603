import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { poll } from '../../../../test/support/poll.js';
import { tempDir } from '../../../../test/support/temp-dir.js';
import { watchConfigFile } from './config-watch.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

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
    let reloads = 0;
    const { dir, path } = watched(async () => void reloads++);
    for (let i = 0; i < 5; i++) writeFileSync(path, JSON.stringify({ i }));
    await poll(async () => (reloads > 0 ? true : undefined), 'a reload');
    // Well past the debounce: no second reload for the same burst.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(reloads).toBe(1);
    writeFileSync(join(dir, 'openclaw.json.tmp'), '{"mode":"on"}');
    renameSync(join(dir, 'openclaw.json.tmp'), path);
    await poll(async () => (reloads === 2 ? true : undefined), 'a reload after the rename');
  });

  it('ignores other files in the directory', async () => {
    let reloads = 0;
    const { dir } = watched(async () => void reloads++);
    writeFileSync(join(dir, 'notes.txt'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 600));
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
