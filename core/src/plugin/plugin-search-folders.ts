import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SearchFolderOptions {
  /** The config file's directory (the state dir when there is no file, or the file is not trusted to run code). */
  readonly configDir: string;
  readonly stateDir?: string;
  /** A file of the running openclaw-nodes installation (default: this module). */
  readonly installedFile?: string;
  /** The running Node binary; its install prefix holds the global packages. */
  readonly execPath?: string;
  readonly platform?: NodeJS.Platform;
}

/**
 * The node_modules folders plugin discovery reads, in precedence order: the config file's
 * directory, the state dir, the `node_modules` folder openclaw-nodes itself is installed in
 * (plugins installed beside it, as Homebridge's are), then the global folder of the Node that
 * runs the host (`<prefix>/lib/node_modules`, where `npm install -g` puts packages for a Node
 * installed at `<prefix>/bin/node`; `<prefix>\node_modules` on Windows). Only these folders
 * themselves are read, not their parents; the working directory is never searched, so running
 * a command inside someone else's checkout cannot make it load their packages.
 *
 * @example
 * pluginSearchFolders({ configDir: '/home/me/.openclaw', execPath: '/usr/bin/node' });
 * // ['/home/me/.openclaw/node_modules', '/usr/lib/node_modules']
 */
export function pluginSearchFolders({ configDir, stateDir, installedFile = fileURLToPath(import.meta.url), execPath = process.execPath, platform = process.platform }: SearchFolderOptions): string[] {
  const bin = dirname(execPath);
  const global = platform === 'win32' ? join(bin, 'node_modules') : join(dirname(bin), 'lib', 'node_modules');
  const local = [configDir, stateDir].filter((dir): dir is string => dir !== undefined).map((dir) => join(resolve(dir), 'node_modules'));
  const install = installFolder(installedFile);
  return [...new Set([...local, ...(install ? [install] : []), global])];
}

/** The outermost `node_modules` folder above the installation's real path; none in a source checkout. */
function installFolder(file: string): string | undefined {
  let real = file;
  try {
    real = realpathSync(file);
  } catch {
    // Not on disk (a test's made-up path): take it as given.
  }
  const parts = real.split(sep);
  const index = parts.indexOf('node_modules');
  if (index < 0) return undefined;
  const folder = parts.slice(0, index + 1).join(sep) || sep;
  return basename(folder) === 'node_modules' ? folder : undefined;
}
