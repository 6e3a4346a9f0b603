import { rm } from 'node:fs/promises';
import { readJsonFile } from './read-json-file.js';
import { runSerially } from './run-serially.js';
import { writeFileAtomic } from './write-file-atomic.js';
import { isProcessAlive } from './process-alive.js';

/** What a runtime file holds besides the caller's fields. */
export interface RuntimeRecord {
  version: 1;
  pid: number;
  /** Epoch milliseconds of the last write. */
  updatedAt: number;
}

/**
 * A small file in which a running host says what it is doing, for `openclaw status` to read:
 * each `report` replaces it atomically (in order), `remove()` deletes it when the host stops,
 * and no report after that brings it back. A host killed outright leaves it behind, so
 * readers check that its pid still runs (`readRuntimeFile`). A failed write is ignored: a
 * status file must never take the host down.
 *
 * @example
 * const file = runtimeFileWriter<{ url: string }>(join(stateDir, 'gateway.status.json'));
 * file.report({ url: 'ws://127.0.0.1:18789' });
 * await file.remove();
 */
export function runtimeFileWriter<T extends object>(path: string): { report: (value: T) => void; remove: () => Promise<void> } {
  let removed = false;
  const write = (value: (T & RuntimeRecord) | undefined) =>
    runSerially(path, () => (value === undefined ? rm(path, { force: true }) : writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`))).catch(() => undefined);
  return {
    report: (value) => {
      if (!removed) void write({ ...value, version: 1, pid: process.pid, updatedAt: Date.now() });
    },
    remove: () => {
      removed = true;
      return write(undefined);
    },
  };
}

/**
 * A runtime file and whether the process that wrote it still runs; `undefined` when there is
 * none or it is not one (the caller checks its own fields).
 */
export async function readRuntimeFile<T extends object>(path: string): Promise<(Partial<T> & RuntimeRecord & { running: boolean }) | undefined> {
  const value = await readJsonFile<Partial<T> & Partial<RuntimeRecord>>(path).catch(() => undefined);
  if (!value || typeof value !== 'object' || value.version !== 1 || !Number.isInteger(value.pid) || value.pid! <= 0) return undefined;
  const updatedAt = typeof value.updatedAt === 'number' ? value.updatedAt : 0;
  return { ...value, version: 1, pid: value.pid!, updatedAt, running: isProcessAlive(value.pid!) };
}
