import { readdirSync, readFileSync } from 'node:fs';

/** What `/proc/<pid>/stat` says about one process (Linux). */
export interface ProcStat {
  readonly pid: number;
  /** Process group id. */
  readonly pgrp: number;
  /** Clock ticks after boot when the process started: with the pid, names one process for good. */
  readonly startTime: number;
}

/**
 * Reads `/proc/<pid>/stat`; undefined when the process is gone or this is not Linux. The
 * command name (field 2) may hold spaces and parentheses, so fields are counted after its
 * last `)`.
 */
export function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // After ") ": state(3) ppid(4) pgrp(5) … starttime(22).
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const pgrp = Number(fields[2]);
  const startTime = Number(fields[19]);
  return Number.isInteger(pgrp) && Number.isInteger(startTime) ? { pid, pgrp, startTime } : undefined;
}

/** Every process in a process group, read from `/proc` (empty where there is none). */
export function groupMembers(pgid: number): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const members: ProcStat[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat?.pgrp === pgid) members.push(stat);
  }
  return members;
}

/** This boot's id: start times only compare within one boot. Undefined off Linux. */
export function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}
