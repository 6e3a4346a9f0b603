import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTempFilesIn, tempPathFor } from './temp-files.js';

// pid_max is at most 2^22 on Linux, so this pid cannot be running.
const DEAD_PID = 99_999_999;
const longAgo = new Date('2020-01-01T00:00:00Z');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oc-temp-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function plant(name: string, mtime?: Date): Promise<string> {
  await writeFile(join(dir, name), '{"half": ');
  if (mtime) await utimes(join(dir, name), mtime, mtime);
  return name;
}

describe('removeStaleTempFilesIn', () => {
  it('removes leftovers of dead writers, of an earlier process with our pid, and of long-idle ones', async () => {
    await plant(`.pairing.json.${DEAD_PID}.0a1b2c3d4e5f.tmp`);
    await plant(`.node.json.${process.pid}.0a1b2c3d4e5f.tmp`, longAgo);
    await plant(`.exec-approvals.json.${process.ppid}.0a1b2c3d4e5f.tmp`, longAgo);
    const writing = await plant(`.node.json.${process.ppid}.abcdef012345.tmp`);
    const ours = await plant(tempPathFor(join(dir, 'device.json')).slice(dir.length + 1));
    const foreign = [await plant('.notes.tmp'), await plant(`pairing.json.${DEAD_PID}.0a1b.tmp`), await plant(`.a.json.${DEAD_PID}.zz.tmp`), await plant('pairing.json')];
    expect(await removeStaleTempFilesIn(dir)).toBe(3);
    expect((await readdir(dir)).sort()).toEqual([writing, ours, ...foreign].sort());
  });

  it('counts a missing directory as clean', async () => {
    expect(await removeStaleTempFilesIn(join(dir, 'missing'))).toBe(0);
  });
});
