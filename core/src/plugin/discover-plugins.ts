import { realpathSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listDir } from './list-dir.js';
import { readManifest } from './read-manifest.js';

/** The package.json keyword that makes an installed package a discoverable plugin. */
export const PLUGIN_KEYWORD = 'openclaw-nodes-plugin';

/** A plugin name is a config key (`plugins.options.<name>`): as the plugin shape check says. */
const PLUGIN_NAME = /^[a-z0-9][a-z0-9_-]{0,99}$/;
/** Warnings about single packages stop here: a hostile folder cannot flood the log. */
const MAX_WARNINGS = 20;

/** An installed package carrying the plugin keyword. Nothing of it has been imported. */
export interface DiscoveredPlugin {
  /** Its plugin name: package.json `openclawNodes.name`, else the package name without scope. */
  readonly name: string;
  readonly packageName: string;
  /** package.json `version`, `''` when absent. */
  readonly version: string;
  /** The package directory, as found (a symlink stays one). */
  readonly dir: string;
  /** Set when a package found earlier has the same plugin name: this one never runs. */
  readonly shadowedBy?: string;
}

export interface DiscoveryLimits {
  /** Directory entries read per node_modules folder, scope folders included. */
  readonly maxEntries: number;
  /** Largest package.json read, bytes. */
  readonly maxManifestBytes: number;
  /** The whole scan stops after this long, ms. */
  readonly timeBudgetMs: number;
}

export const DEFAULT_DISCOVERY_LIMITS: DiscoveryLimits = { maxEntries: 2_000, maxManifestBytes: 128 * 1024, timeBudgetMs: 2_000 };

export interface DiscoveryResult {
  readonly plugins: DiscoveredPlugin[];
  /** Folders cut short by a limit, each said in one line a person can act on. */
  readonly warnings: string[];
}

/**
 * Finds installed plugin packages, Homebridge style: every `<folder>/<pkg>` and
 * `<folder>/@scope/<pkg>` whose package.json lists the keyword `openclaw-nodes-plugin`.
 * Reads package.json files only, never code, and stops at `limits` (entries per folder,
 * manifest size, total time) so a hostile node_modules cannot wedge start-up; folders that
 * do not exist are skipped. When two packages give the same plugin name the first folder
 * wins and the other is returned with `shadowedBy`.
 *
 * @example
 * discoverPlugins(['/home/me/.openclaw/node_modules']).plugins;
 * // [{ name: 'echo', packageName: 'openclaw-plugin-echo', version: '1.2.0', dir: '/home/me/.openclaw/node_modules/openclaw-plugin-echo' }]
 */
export function discoverPlugins(folders: readonly string[], limits: Partial<DiscoveryLimits> = {}): DiscoveryResult {
  const { maxEntries, maxManifestBytes, timeBudgetMs } = { ...DEFAULT_DISCOVERY_LIMITS, ...limits };
  const deadline = Date.now() + timeBudgetMs;
  const plugins: DiscoveredPlugin[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const folder of new Set(folders)) {
    let budget = maxEntries;
    // Sorted, so which of two packages of one folder wins a plugin name does not depend on the file system.
    const read = (path: string): string[] => {
      const names = listDir(path, Math.max(budget, 0)).sort();
      budget -= names.length;
      return names;
    };
    const dirs: string[] = [];
    for (const entry of read(folder)) {
      if (entry.startsWith('.')) continue;
      if (entry.startsWith('@')) dirs.push(...read(join(folder, entry)).map((scoped) => join(folder, entry, scoped)));
      else dirs.push(join(folder, entry));
    }
    if (budget <= 0) warnings.push(`plugin discovery read only the first ${maxEntries} entries of ${folder}; install plugins in a smaller folder or list them in plugins.load`);
    for (const dir of dirs) {
      if (Date.now() > deadline) {
        warnings.push(`plugin discovery stopped after ${timeBudgetMs} ms in ${folder}; list plugins in plugins.load instead`);
        return { plugins, warnings };
      }
      const found = pluginOf(dir, maxManifestBytes);
      if (typeof found === 'string' && warnings.length < MAX_WARNINGS) warnings.push(found);
      if (typeof found !== 'object' || seen.has(realpathOr(dir))) continue;
      seen.add(realpathOr(dir));
      const first = plugins.find((p) => p.name === found.name && p.shadowedBy === undefined);
      plugins.push(first === undefined ? found : { ...found, shadowedBy: first.dir });
    }
  }
  return { plugins, warnings };
}

/** The package's plugin entry, `undefined` when it is no plugin, or why it cannot be one. */
function pluginOf(dir: string, maxManifestBytes: number): DiscoveredPlugin | string | undefined {
  const manifest = readManifest(dir, maxManifestBytes);
  // Unreadable (too large, not a file, not JSON): it may be a plugin, so say why it was passed over.
  if (typeof manifest === 'string') return `plugin discovery skipped ${dir}: ${manifest}`;
  if (typeof manifest !== 'object' || !Array.isArray(manifest.keywords) || !manifest.keywords.includes(PLUGIN_KEYWORD)) return undefined;
  const packageName = typeof manifest.name === 'string' ? manifest.name.slice(0, 214) : basename(dir);
  const declared = (manifest.openclawNodes as { name?: unknown } | undefined)?.name;
  const name = typeof declared === 'string' ? declared : packageName.replace(/^@[^/]*\//, '');
  if (!PLUGIN_NAME.test(name)) return `${dir} carries the ${PLUGIN_KEYWORD} keyword but its plugin name ${JSON.stringify(name.slice(0, 100))} is not lowercase letters, digits, "-" and "_"; set openclawNodes.name in its package.json`;
  const version = typeof manifest.version === 'string' ? manifest.version.slice(0, 64) : '';
  return { name, packageName, version, dir };
}

function realpathOr(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
