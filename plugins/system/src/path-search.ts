import { lstatSync, readlinkSync, watch, type FSWatcher } from 'node:fs';
import { delimiter, isAbsolute, normalize, sep } from 'node:path';
import { isExecutableFile } from '@openclaw-nodes/core/exec';

/** A remembered answer is thrown away after this long (ms), whatever the watchers said. */
export const MAX_AGE_MS = 1_000;
/** At most this many PATH directories are watched; the rest are looked in on every call. */
export const MAX_WATCHED_DIRS = 64;
/** At most this many names are remembered (callers choose the names); the oldest goes first. */
export const MAX_NAMES = 4_096;

/** What one search for a name found, and whether only an event can change it. */
interface Found {
  /** Index of the directory it was found in; the directory count when nowhere. */
  readonly index: number;
  readonly path: string | undefined;
  /** Found in a watched directory, and nothing outside it decides the answer. */
  readonly stable: boolean;
}

interface Dir {
  /** The directory with a trailing separator: a name appended to it is a path, as `join` makes it. */
  readonly prefix: string;
  watcher: FSWatcher | undefined;
  /** When the next attempt to watch a directory that could not be watched may be made (ms). */
  retryAtMs: number;
}

export interface PathSearchOptions {
  /** Watch the directories and remember answers; off, every call looks in every directory. */
  readonly remember: boolean;
  /** A monotonic clock in milliseconds, for the age bound (a wall clock stepped back would keep answers for as long); tests move it. */
  readonly now?: () => number;
}

/**
 * Finds bare names along one PATH as a shell does: the first regular file with execute
 * permission, absolute entries only. With `remember` (Linux, where inotify queues a change
 * before the call that made it returns) it keeps what it found per name and watches each
 * directory, so a call usually costs no filesystem access at all:
 *
 * - an entry created, removed, renamed or re-permissioned in a watched directory (or the
 *   directory itself moved or removed) forgets everything remembered; the caller lets the
 *   event loop poll once before `find` (`afterPendingEvents`), so a change made before the
 *   request arrived is seen by it;
 * - a directory that cannot be watched (missing, unreadable, past `MAX_WATCHED_DIRS`) is
 *   looked in on every call; a found file that is a symlink leading out of its directory is
 *   checked again on every call;
 * - what no event reports (a parent directory replaced, a symlinked directory re-pointed, a
 *   file's mode changed through a hard link in another directory, events the kernel dropped
 *   when its inotify queue overflowed, which libuv does not pass on, a change made by another
 *   machine on a network filesystem) is seen within `MAX_AGE_MS`.
 */
export class PathSearch {
  private readonly dirs: Dir[];
  private readonly found = new Map<string, Found>();
  private readonly now: () => number;
  private epochEndsAtMs = 0;
  private closed = false;

  constructor(
    readonly pathEnv: string,
    private readonly options: PathSearchOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    // Relative entries would resolve against the node's cwd, which the caller does not control.
    const absolute = pathEnv.split(delimiter).filter((dir) => dir !== '' && isAbsolute(dir));
    // A directory named twice cannot answer differently the second time.
    const unique = [...new Set(absolute.map((dir) => normalize(dir)).map((dir) => (dir.endsWith(sep) ? dir : `${dir}${sep}`)))];
    this.dirs = unique.map((prefix) => ({ prefix, watcher: undefined, retryAtMs: 0 }));
  }

  /** How many names are remembered now (at most `MAX_NAMES`). */
  get remembered(): number {
    return this.found.size;
  }

  /** The absolute path `name` (a bare name, checked by the caller) runs as, or undefined. */
  find(name: string): string | undefined {
    if (!this.options.remember || this.closed) return this.scan(name, 0)?.path;
    const now = this.now();
    if (now >= this.epochEndsAtMs) this.forget(now);
    const known = this.found.get(name);
    if (known !== undefined) {
      const live = this.checkUnwatched(name, known.index);
      if (live !== undefined) return live;
      if (known.path === undefined || known.stable || isExecutableFile(known.path)) return known.path;
    }
    // Watch first, then look: a change after the watchers exist forgets what this scan finds.
    this.watchAll(now);
    const result = this.scan(name, 0) ?? { index: this.dirs.length, path: undefined, stable: true };
    this.remember(name, result);
    return result.path;
  }

  /** Stops every watcher for good; `find` afterwards (a call that was in flight) still answers, looking in every directory. */
  close(): void {
    this.closed = true;
    for (const dir of this.dirs) this.unwatch(dir);
    this.forget(this.now());
  }

  /** The first executable `name` from directory `from` on, with where it was found. */
  private scan(name: string, from: number): Found | undefined {
    for (let i = from; i < this.dirs.length; i++) {
      const dir = this.dirs[i]!;
      const path = `${dir.prefix}${name}`;
      if (isExecutableFile(path)) return { index: i, path, stable: dir.watcher !== undefined && decidedInDir(dir.prefix, name) };
    }
    return undefined;
  }

  /** `name` in an unwatched directory before `index`, where no watcher would report it. */
  private checkUnwatched(name: string, index: number): string | undefined {
    for (let i = 0; i < index; i++) {
      const dir = this.dirs[i]!;
      if (dir.watcher !== undefined) continue;
      const path = `${dir.prefix}${name}`;
      if (isExecutableFile(path)) return path;
    }
    return undefined;
  }

  private remember(name: string, found: Found): void {
    if (this.found.size >= MAX_NAMES) this.found.delete(this.found.keys().next().value!);
    this.found.set(name, found);
  }

  private watchAll(now: number): void {
    for (const dir of this.dirs.slice(0, MAX_WATCHED_DIRS)) {
      if (dir.watcher !== undefined || now < dir.retryAtMs) continue;
      try {
        dir.watcher = watch(dir.prefix, { persistent: false }, (event) => this.changed(dir, event));
        dir.watcher.on('error', () => this.changed(dir, 'rename'));
        // What was found while this directory was unwatched was not reported by it.
        this.forget(now);
      } catch {
        dir.retryAtMs = now + MAX_AGE_MS;
      }
    }
  }

  private changed(dir: Dir, event: string): void {
    this.forget(this.now());
    // The directory itself may be gone or replaced: watch whatever is there at the next scan.
    if (event === 'rename') this.unwatch(dir);
  }

  private unwatch(dir: Dir): void {
    dir.watcher?.close();
    dir.watcher = undefined;
    dir.retryAtMs = 0;
  }

  private forget(now: number): void {
    this.epochEndsAtMs = now + MAX_AGE_MS;
    this.found.clear();
  }
}

/**
 * Whether only entries of the directory `prefix` names decide that `prefix + name` is
 * executable: a regular file, or a symlink to a regular file beside it (`sh -> dash`). A link
 * leading elsewhere can change without any event in that directory.
 */
function decidedInDir(prefix: string, name: string): boolean {
  try {
    if (!lstatSync(`${prefix}${name}`).isSymbolicLink()) return true;
    const target = readlinkSync(`${prefix}${name}`);
    return !/[/\\]/.test(target) && target !== '.' && target !== '..' && !lstatSync(`${prefix}${target}`).isSymbolicLink();
  } catch {
    return false;
  }
}

let polled: Promise<void> | undefined;

/**
 * Resolves once the event loop has polled again: the watcher events the kernel queued
 * before this call (a binary installed before the request was sent) have been handled.
 * Calls made in the same turn share one wait.
 */
export function afterPendingEvents(): Promise<void> {
  polled ??= new Promise((resolve) =>
    setImmediate(() => {
      // Later calls were read in the next poll or after it: they need a poll of their own.
      polled = undefined;
      setImmediate(resolve);
    }),
  );
  return polled;
}
