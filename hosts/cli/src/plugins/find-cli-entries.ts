import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { packageEntry } from '@openclaw-nodes/core/plugin-package';

/** The package scope the CLI ships with; its plugins are found without being named here. */
const SCOPE = '@openclaw-nodes';
/** More packages than this in one scope folder is not an install; stop reading. */
const MAX_SCOPE_PACKAGES = 200;

/**
 * The real paths of every plugin CLI entry (package export `./cli`) this CLI can offer:
 * packages of its own scope installed next to it, then each `plugins.load` entry that names
 * a package or a package directory (a plain file has no CLI entry). Reads package.json files
 * only; no plugin code is loaded. A spec that cannot be found is skipped here: the node and
 * gateway report it when they load the plugin.
 *
 * @example
 * findCliEntries(['openclaw-plugin-echo'], '/home/me/.openclaw'); // ['/.../openclaw-plugin-echo/cli.js']
 */
export function findCliEntries(load: readonly string[], baseDir: string): string[] {
  const found = new Set<string>();
  const add = (dir: string | undefined) => {
    const entry = dir === undefined ? undefined : packageEntry(dir, './cli');
    if (entry !== undefined) found.add(realpathSync(entry));
  };
  for (const modules of createRequire(import.meta.url).resolve.paths(`${SCOPE}/x`) ?? []) {
    const scope = join(modules, SCOPE);
    if (!existsSync(scope)) continue;
    for (const name of readdirSync(scope).slice(0, MAX_SCOPE_PACKAGES)) add(join(scope, name));
  }
  for (const spec of load) add(packageDir(spec, baseDir));
  return [...found];
}

function packageDir(spec: string, baseDir: string): string | undefined {
  if (isAbsolute(spec) || spec.startsWith('.')) {
    const target = resolve(baseDir, spec);
    return existsSync(target) && statSync(target).isDirectory() ? target : undefined;
  }
  for (const from of new Set([baseDir, process.cwd()])) {
    for (const modules of createRequire(join(from, 'noop.js')).resolve.paths(spec) ?? []) {
      if (existsSync(join(modules, spec, 'package.json'))) return join(modules, spec);
    }
  }
  return undefined;
}

/** The directory `plugins.load` paths are relative to: the config file's, else the working directory. */
export function loadBaseDir(configPath: string | undefined): string {
  return configPath === undefined ? process.cwd() : dirname(configPath);
}
