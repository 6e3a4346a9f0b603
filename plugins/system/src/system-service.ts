import { injectable } from '@openclaw-nodes/core/di';
import { DEFAULT_PATH } from '@openclaw-nodes/core/exec';
import { afterPendingEvents, PathSearch } from './path-search.js';

export { DEFAULT_PATH };

/**
 * Whether answers may be remembered between calls: only where a directory watcher hears of
 * a change before the change's own system call returns (inotify). Elsewhere (FSEvents on
 * macOS reports with a delay) every call looks in every PATH directory.
 */
const REMEMBER = process.platform === 'linux';

/** The node-side work of `system.which`. */
@injectable()
export class SystemService {
  private search: PathSearch | undefined;

  /**
   * Finds each name on `pathEnv` and returns name → absolute path for the names found. A
   * match is the first regular file with execute permission; names with a path separator
   * are never resolved, so a caller cannot probe arbitrary files. A binary installed or
   * removed before the call is seen by it (see `PathSearch` for what is remembered).
   *
   * @example
   * await service.which(['sh', 'nope']); // { sh: '/usr/bin/sh' }
   */
  async which(names: readonly string[], pathEnv: string | undefined = process.env.PATH): Promise<Record<string, string>> {
    const search = this.searchFor(pathEnv ?? DEFAULT_PATH);
    if (REMEMBER) await afterPendingEvents();
    const found: Record<string, string> = {};
    for (const name of new Set(names)) {
      const path = isBareName(name) ? search.find(name) : undefined;
      if (path !== undefined) found[name] = path;
    }
    return found;
  }

  /** Stops watching the PATH directories (the host is stopping); later calls watch again. */
  close(): void {
    this.search?.close();
    this.search = undefined;
  }

  private searchFor(pathEnv: string): PathSearch {
    if (this.search?.pathEnv !== pathEnv) {
      this.search?.close();
      this.search = new PathSearch(pathEnv, { remember: REMEMBER });
    }
    return this.search;
  }
}

function isBareName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}
