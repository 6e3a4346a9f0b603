import { dirname, join, resolve } from 'node:path';

export interface SearchFolderOptions {
  /** The config file's directory (the state dir when there is no file). */
  readonly configDir: string;
  readonly stateDir?: string;
  readonly cwd?: string;
  /** The running Node binary; its install prefix holds the global packages. */
  readonly execPath?: string;
  readonly platform?: NodeJS.Platform;
}

/**
 * The node_modules folders plugin discovery reads, in precedence order: the config file's
 * directory, the state dir, the working directory, then the global folder of the Node that
 * runs the host (`<prefix>/lib/node_modules`, where `npm install -g` puts packages for a Node
 * installed at `<prefix>/bin/node`; `<prefix>\node_modules` on Windows). Only these folders
 * themselves are read, not their parents: a plugin is installed where the host looks.
 *
 * @example
 * pluginSearchFolders({ configDir: '/home/me/.openclaw', cwd: '/srv/app', execPath: '/usr/bin/node' });
 * // ['/home/me/.openclaw/node_modules', '/srv/app/node_modules', '/usr/lib/node_modules']
 */
export function pluginSearchFolders({ configDir, stateDir, cwd = process.cwd(), execPath = process.execPath, platform = process.platform }: SearchFolderOptions): string[] {
  const bin = dirname(execPath);
  const global = platform === 'win32' ? join(bin, 'node_modules') : join(dirname(bin), 'lib', 'node_modules');
  const local = [configDir, stateDir, cwd].filter((dir): dir is string => dir !== undefined).map((dir) => join(resolve(dir), 'node_modules'));
  return [...new Set([...local, global])];
}
