import { existsSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { discoverPlugins, findPackageDir, firstPartyPluginNames, listDir, packageEntry, pluginSearchFolders } from '@openclaw-nodes/core/plugin-package';

/** The package scope the CLI ships with; its plugins are found without being named here. */
const SCOPE = '@openclaw-nodes';
/** More packages than this in one scope folder is not an install; stop reading. */
const MAX_SCOPE_PACKAGES = 200;

/** What of the CLI config's `plugins` section decides which CLI entries it offers. */
export interface CliPluginsConfig {
  readonly load: readonly string[];
  readonly enabled?: readonly string[];
}

/**
 * The real paths of every plugin CLI entry (package export `./cli`) this CLI can offer:
 * packages of its own scope installed next to it, each `plugins.load` entry that names a
 * package or a package directory (a plain file has no CLI entry), and each installed package
 * with the plugin keyword whose plugin name `plugins.enabled` lists and no first-party plugin
 * has (a package in the working directory's node_modules calling itself `system` offers nothing). Reads package.json files
 * only; no plugin code is loaded, and discovery runs only when `enabled` names a plugin. A
 * spec that cannot be found is skipped here: the node and gateway report it when they load it.
 *
 * @example
 * findCliEntries({ load: ['openclaw-plugin-echo'] }, '/home/me/.openclaw', '/home/me/.openclaw'); // ['/.../openclaw-plugin-echo/cli.js']
 */
export function findCliEntries(plugins: CliPluginsConfig, baseDir: string, stateDir: string): string[] {
  const found = new Set<string>();
  const add = (dir: string | undefined) => {
    const entry = dir === undefined ? undefined : packageEntry(dir, './cli');
    if (entry !== undefined) found.add(realpathSync(entry));
  };
  for (const modules of createRequire(import.meta.url).resolve.paths(`${SCOPE}/x`) ?? []) {
    for (const name of listDir(join(modules, SCOPE), MAX_SCOPE_PACKAGES)) add(join(modules, SCOPE, name));
  }
  for (const spec of plugins.load) add(packageDir(spec, baseDir));
  const enabled = new Set(plugins.enabled ?? []);
  if (enabled.size > 0) {
    const builtins = firstPartyPluginNames();
    for (const p of discoverPlugins(pluginSearchFolders({ configDir: baseDir, stateDir })).plugins) {
      if (enabled.has(p.name) && p.shadowedBy === undefined && !builtins.has(p.name)) add(p.dir);
    }
  }
  return [...found];
}

function packageDir(spec: string, baseDir: string): string | undefined {
  if (!isAbsolute(spec) && !spec.startsWith('.')) return findPackageDir(spec, baseDir).dir;
  const target = resolve(baseDir, spec);
  return existsSync(target) && statSync(target).isDirectory() ? target : undefined;
}

