import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import { injectable } from '@openclaw-nodes/core/di';

/** The PATH the headless OpenClaw node host searches when its environment has none. */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The node-side work of the `system` capability. */
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
    const found = await Promise.all(
      [...new Set(names)].map(async (name) => [name, isBareName(name) ? await firstExecutable(dirs, name) : undefined] as const),
    );
    return Object.fromEntries(found.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
  }
}

function isBareName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

async function firstExecutable(dirs: readonly string[], name: string): Promise<string | undefined> {
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      if (!(await stat(candidate)).isFile()) continue;
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Missing or not executable here: keep looking further down PATH.
    }
  }
  return undefined;
}
