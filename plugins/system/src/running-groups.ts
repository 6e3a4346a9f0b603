import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonFileStore, PRIVATE_FILE_MODE, tempPathFor } from '@openclaw-nodes/core/store';
import { bootId, groupMembers, readProcStat } from './proc-stat.js';

/** `<state dir>/exec-running.json`: the process groups of the commands running now. */
export const RUNNING_FILE_NAME = 'exec-running.json';
/** More are never recorded: a flood of commands must not grow the file without bound. */
const MAX_RECORDED = 1_024;

/** A command's process group, named by its leader's pid and start time. */
export interface RunningGroup {
  readonly pgid: number;
  readonly startTime: number;
}

interface RunningFile {
  readonly version: 1;
  readonly bootId?: string;
  readonly groups: readonly RunningGroup[];
}

/** Told when a command's process group starts and ends. */
export interface GroupTracker {
  started(pgid: number): void;
  ended(pgid: number): void;
}

const isGroup = (value: unknown): value is RunningGroup =>
  typeof value === 'object' && value !== null && Number.isSafeInteger((value as RunningGroup).pgid) && (value as RunningGroup).pgid > 1 && Number.isSafeInteger((value as RunningGroup).startTime);

function parse(raw: unknown): RunningFile {
  const value = raw as Partial<RunningFile> | null;
  if (!value || value.version !== 1 || !Array.isArray(value.groups)) throw new Error('expected {"version":1,"groups":[…]}');
  return { version: 1, ...(typeof value.bootId === 'string' ? { bootId: value.bootId } : {}), groups: value.groups.filter(isGroup) };
}

/**
 * Whether a recorded group is still the one we started. Its leader, if alive, must have
 * the recorded start time (else the pid was reused). A pid is never handed out while a
 * group of that id exists, so members of a group whose leader has exited are ours — as
 * long as none started before the leader did.
 */
export function isOurGroup(group: RunningGroup): boolean {
  const members = groupMembers(group.pgid);
  const leader = members.find((m) => m.pid === group.pgid);
  if (leader !== undefined) return leader.startTime === group.startTime;
  return members.length > 0 && members.every((m) => m.startTime >= group.startTime);
}

/**
 * The process groups of running commands, kept in the state dir so that a host killed
 * with SIGKILL (which cannot clean up) kills what it left behind at its next start.
 * Linux only: elsewhere there is no `/proc` to tell our groups from reused pids, and
 * nothing is recorded.
 *
 * @example
 * const running = new RunningGroups(stateDir);
 * await running.reapLeftovers(); // at start: [4242] if group 4242 was still alive
 * runProcess({ argv, env, tracker: running });
 */
export class RunningGroups implements GroupTracker {
  private readonly store: JsonFileStore<RunningFile>;
  private readonly path: string;
  /** The groups running now, by pgid; the file is a copy of this, written behind it. */
  private readonly live = new Map<number, RunningGroup>();
  private writing: Promise<void> | undefined;
  private dirty = false;
  private closed = false;

  constructor(stateDir: string) {
    this.path = join(stateDir, RUNNING_FILE_NAME);
    this.store = new JsonFileStore<RunningFile>(this.path, { defaults: () => ({ version: 1, groups: [] }), parse });
  }

  started(pgid: number): void {
    const stat = readProcStat(pgid);
    if (stat === undefined || this.live.size >= MAX_RECORDED) return;
    this.live.set(pgid, { pgid, startTime: stat.startTime });
    this.flush();
  }

  ended(pgid: number): void {
    if (this.live.delete(pgid)) this.flush();
  }

  /**
   * Writes the live set, one write at a time; changes made meanwhile go out in the next one.
   * No fsync: the record guards against this process dying, and the page cache outlives it.
   * A machine crash ends every command anyway, and a record from another boot is ignored.
   * Going through a temp file and a rename keeps a reader from seeing half a file.
   */
  private flush(): void {
    if (this.closed) return;
    if (this.writing) {
      this.dirty = true;
      return;
    }
    this.dirty = false;
    const file: RunningFile = { version: 1, bootId: bootId(), groups: [...this.live.values()] };
    const temp = tempPathFor(this.path);
    this.writing = writeFile(temp, JSON.stringify(file), { mode: PRIVATE_FILE_MODE })
      .then(() => rename(temp, this.path))
      .catch(() => rm(temp, { force: true }).catch(() => undefined))
      .finally(() => {
        this.writing = undefined;
        if (this.dirty) this.flush();
      });
  }

  /**
   * Stops recording and resolves once the last write has landed: a stopping host kills its
   * commands, and their ends must not write into a state dir its owner may be removing. A
   * group left in the record is dead, and the next start's reap passes it by.
   */
  async close(): Promise<void> {
    this.closed = true;
    while (this.writing) await this.writing;
  }

  /**
   * SIGKILLs every recorded group that is still ours (same boot, same leader, see
   * `isOurGroup`), never the host's own group, then forgets them all. Returns the killed ids.
   */
  async reapLeftovers(): Promise<number[]> {
    const killed: number[] = [];
    const own = readProcStat(process.pid)?.pgrp;
    // Nothing recorded (the usual case after a clean stop): leave the state dir untouched. A
    // file that cannot be read names nothing we could trust: start it afresh.
    const recorded = await this.store.read().catch(() => undefined);
    if (recorded === undefined) await this.store.write({ version: 1, groups: [] }).catch(() => undefined);
    if (recorded === undefined || recorded.groups.length === 0) return killed;
    await this.store.update((file) => {
      const sameBoot = file.bootId !== undefined && file.bootId === bootId();
      for (const group of sameBoot ? file.groups : []) {
        if (group.pgid === own || !isOurGroup(group)) continue;
        try {
          process.kill(-group.pgid, 'SIGKILL');
          killed.push(group.pgid);
        } catch {
          // Gone meanwhile, or not ours to signal.
        }
      }
      return { version: 1, groups: [] };
    }).catch(() => undefined);
    return killed;
  }
}
