import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, utimesSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import { makeCaptureDir, removeStaleCaptureDirs } from './capture-dir.js';

describe('capture temp dirs', () => {
  let root: ReturnType<typeof tempDir>;
  beforeEach(() => {
    root = tempDir('oc-capture-dir-');
  });
  afterEach(() => root.cleanup());

  it('are private, named after this process, and removed only when their process is gone or predates us', async () => {
    const mine = await makeCaptureDir('openclaw-screen', root.path);
    expect(basename(mine)).toMatch(new RegExp(`^openclaw-screen-${process.pid}-[A-Za-z0-9]{6}$`));
    expect(statSync(mine).mode & 0o777).toBe(0o700);
    // A pid that surely exited: a child that ran and ended.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const killed = join(root.path, `openclaw-screen-${dead}-aB3dE9`);
    const oldMine = join(root.path, `openclaw-screen-${process.pid}-zzzzzz`);
    const other = join(root.path, `openclaw-camera-${dead}-aB3dE9`);
    const unrelated = join(root.path, `openclaw-screen-${dead}-notours`);
    for (const dir of [killed, oldMine, other, unrelated]) mkdirSync(dir);
    utimesSync(oldMine, new Date(0), new Date(0));
    expect(await removeStaleCaptureDirs('openclaw-screen', root.path)).toBe(2);
    expect([mine, killed, oldMine, other, unrelated].map(existsSync)).toEqual([true, false, false, true, true]);
  });

  it('count a missing temp dir as clean', async () => {
    expect(await removeStaleCaptureDirs('openclaw-screen', join(root.path, 'missing'))).toBe(0);
  });
});
