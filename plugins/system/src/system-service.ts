import { delimiter, isAbsolute, join } from 'node:path';
import { injectable } from '@openclaw-nodes/core/di';
import { DEFAULT_PATH, isExecutableFile } from '@openclaw-nodes/core/exec';

export { DEFAULT_PATH };

/** The node-side work of `system.which`. */
@injectable()
export class SystemService {
  /**
   * Finds each name on `pathEnv` and returns name → absolute path for the names found. A
   * match is the first regular file with execute permission; names with a path separator
   * are never resolved, so a caller cannot probe arbitrary files.
   *
   * @example
   * await service.which(['sh', 'nope']); // { sh: '/usr/bin/sh' }
   */
  async which(names: readonly string[], pathEnv: string | undefined = process.env.PATH): Promise<Record<string, string>> {
    // Relative entries would resolve against the node's cwd, which the caller does not control.
    const dirs = (pathEnv ?? DEFAULT_PATH).split(delimiter).filter((dir) => dir !== '' && isAbsolute(dir));
    const found: Record<string, string> = {};
    for (const name of new Set(names)) {
      const path = isBareName(name) ? firstExecutable(dirs, name) : undefined;
      if (path !== undefined) found[name] = path;
    }
    return found;
  }
}

function isBareName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

/**
 * Synchronous on purpose: a handful of local stats take microseconds, while the promise API
 * pays a thread-pool round trip and a thrown ENOENT per PATH entry (measured as the largest
 * cost of a `system.which` invoke).
 */
function firstExecutable(dirs: readonly string[], name: string): string | undefined {
  return dirs.map((dir) => join(dir, name)).find(isExecutableFile);
}
