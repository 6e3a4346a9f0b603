import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processGone } from '../../../test/support/process-gone.js';
import { poll } from '../../../test/support/poll.js';
import { parentDeathLauncher } from '@openclaw-nodes/core/exec';
import { bootId, readProcStat } from './proc-stat.js';
import { runProcess } from './process-runner.js';
import { RUNNING_FILE_NAME, RunningGroups } from './running-groups.js';

const dir = mkdtempSync(join(tmpdir(), 'openclaw-running-'));
const spawned: number[] = [];
afterAll(() => {
  for (const pid of spawned) if (!processGone(pid)) process.kill(-pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** A detached `sleep` in its own process group, as a command runs. */
function detachedSleep(): number {
  const child = spawn('/bin/sh', ['-c', 'sleep 300 & wait'], { detached: true, stdio: 'ignore' });
  child.unref();
  spawned.push(child.pid!);
  return child.pid!;
}
const writeRecord = (groups: Array<{ pgid: number; startTime: number }>, boot = bootId()) =>
  writeFileSync(join(dir, RUNNING_FILE_NAME), JSON.stringify({ version: 1, bootId: boot, groups }));
const recorded = (): Array<{ pgid: number; startTime: number }> => {
  try {
    return JSON.parse(readFileSync(join(dir, RUNNING_FILE_NAME), 'utf8')).groups;
  } catch {
    return [];
  }
};

describe.runIf(process.platform === 'linux')('RunningGroups', () => {
  it('records a command’s group while it runs and forgets it when done', async () => {
    const running = new RunningGroups(dir);
    const pending = runProcess({ argv: ['/bin/sh', '-c', 'sleep 2'], env: { PATH: '/usr/bin:/bin' }, tracker: running });
    const groups = await poll(async () => (recorded().length === 1 ? recorded() : undefined), 'the group recorded');
    expect(readProcStat(groups[0].pgid)?.startTime).toBe(groups[0].startTime);
    await pending;
    await poll(async () => (recorded().length === 0 ? true : undefined), 'the group forgotten');
  });

  it('kills a recorded group that is still alive', async () => {
    const leader = detachedSleep();
    writeRecord([{ pgid: leader, startTime: readProcStat(leader)!.startTime }]);
    expect(await new RunningGroups(dir).reapLeftovers()).toEqual([leader]);
    await poll(async () => (processGone(leader) ? true : undefined), 'the group killed');
  });

  it('spares a pid that now belongs to another process, a record from another boot, and its own group', async () => {
    const other = detachedSleep();
    const startTime = readProcStat(other)!.startTime;
    writeRecord([{ pgid: other, startTime: startTime - 1 }]);
    expect(await new RunningGroups(dir).reapLeftovers()).toEqual([]);
    writeRecord([{ pgid: other, startTime }], 'another-boot');
    expect(await new RunningGroups(dir).reapLeftovers()).toEqual([]);
    const own = readProcStat(process.pid)!;
    writeRecord([{ pgid: own.pgrp, startTime: readProcStat(own.pgrp)?.startTime ?? 0 }]);
    expect(await new RunningGroups(dir).reapLeftovers()).toEqual([]);
    expect(processGone(other)).toBe(false);
    expect(recorded()).toEqual([]);
  });
});

describe('RunningGroups with an unreadable file', () => {
  it('starts it afresh, so that later commands are recorded again', async () => {
    writeFileSync(join(dir, RUNNING_FILE_NAME), '{ not json');
    expect(await new RunningGroups(dir).reapLeftovers()).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, RUNNING_FILE_NAME), 'utf8'))).toEqual({ version: 1, groups: [] });
  });
});

describe('parentDeathLauncher', () => {
  it('is setpriv --pdeathsig on Linux and nothing elsewhere', () => {
    expect(parentDeathLauncher('darwin')).toEqual([]);
    if (process.platform === 'linux') expect(parentDeathLauncher('linux')).toEqual([expect.stringMatching(/\/setpriv$/), '--pdeathsig', 'KILL', '--']);
  });
});
