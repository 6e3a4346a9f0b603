import { existsSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenClawError } from '../errors.js';
import { packageEntry } from './package-entry.js';
import { readManifest } from './read-manifest.js';

/** Where one `plugins.load` entry or discovered package resolved to. */
export interface PluginModule {
  /** The real path of the file to import. */
  readonly file: string;
  /** The package directory, when the entry is a package or a package directory. */
  readonly dir?: string;
  /** The package.json `version`, when there is one: reported even if the import fails. */
  readonly version: string;
}

/**
 * Where a package name resolves from `baseDir`: the first `node_modules/<name>` holding a
 * package.json in the folders above `baseDir`, then in the folders above the openclaw-nodes
 * installation itself (Node's own folder lists; packages installed beside openclaw-nodes). The
 * working directory is not searched: a command run inside someone else's checkout must not
 * load their packages. Returns the directory, or every folder searched.
 *
 * @example
 * findPackageDir('openclaw-plugin-echo', '/home/me/.openclaw'); // { dir: '/home/me/.openclaw/node_modules/openclaw-plugin-echo', searched: [...] }
 */
export function findPackageDir(spec: string, baseDir: string): { dir?: string; searched: string[] } {
  const searched: string[] = [];
  for (const from of new Set([baseDir, dirname(fileURLToPath(import.meta.url))])) {
    for (const modules of createRequire(join(from, 'noop.js')).resolve.paths(spec) ?? []) {
      if (searched.includes(modules)) continue;
      searched.push(modules);
      if (existsSync(join(modules, spec, 'package.json'))) return { dir: join(modules, spec), searched };
    }
  }
  return { searched };
}

/**
 * Turns one `plugins.load` entry into the file to import. Paths (absolute, or starting with
 * `.`) resolve against `baseDir`; anything else is a package name (see `findPackageDir`). A
 * package or package directory loads its `subpath` export when it has one (the gateway asks
 * for `./gateway`), else its main entry (see `packageEntry`). The real path is returned so a
 * symlinked package resolves its own imports from where it really lives.
 * Throws PLUGIN_NOT_FOUND saying what was looked up where.
 *
 * @example
 * resolvePluginModule('openclaw-plugin-echo', stateDir).file; // '/.../openclaw-plugin-echo/index.js'
 */
export function resolvePluginModule(spec: string, baseDir: string, subpath?: string): PluginModule {
  if (isAbsolute(spec) || spec.startsWith('.')) return resolvePath(spec, baseDir, subpath);
  const { dir, searched } = findPackageDir(spec, baseDir);
  if (dir !== undefined) return packageModule(dir, spec, `plugin package "${spec}" at ${dir}`, subpath);
  // A bare `plugins/x` is a package name to Node; point at the path the user probably meant.
  const hint = existsSync(resolve(baseDir, spec)) ? `; to load the path ${resolve(baseDir, spec)}, write "./${spec}"` : '; install it there or list a path';
  throw notFound(`plugin package "${spec}" not found in node_modules above ${baseDir} (searched ${searched.length} folders, from ${searched[0] ?? baseDir})${hint}`, spec);
}

/**
 * The file to import from a package directory: its `subpath` export when given and present,
 * else its main entry. Throws PLUGIN_NOT_FOUND (no entry) or PLUGIN_INVALID (bad package.json).
 */
export function packageModule(dir: string, spec: string, label: string, subpath?: string): PluginModule {
  const manifest = readManifest(dir);
  if (typeof manifest === 'string') throw new OpenClawError('PLUGIN_INVALID', `${label}: ${manifest}`, { details: { spec } });
  const version = typeof manifest?.version === 'string' ? manifest.version.slice(0, 64) : '';
  const entry = (subpath === undefined ? undefined : packageEntry(dir, subpath, manifest)) ?? packageEntry(dir, '.', manifest);
  if (entry === undefined) throw notFound(`${label} has no entry file (package.json exports or main, or index.js)`, spec, version);
  return { file: realpathSync(entry), dir, version };
}

function resolvePath(spec: string, baseDir: string, subpath?: string): PluginModule {
  const target = resolve(baseDir, spec);
  if (!existsSync(target)) throw notFound(`plugin path "${spec}" does not exist (resolved to ${target} from ${baseDir})`, spec);
  if (!statSync(target).isDirectory()) return { file: realpathSync(target), version: '' };
  return packageModule(target, spec, `plugin directory ${target}`, subpath);
}

function notFound(message: string, spec: string, version = ''): OpenClawError {
  return new OpenClawError('PLUGIN_NOT_FOUND', message, { details: { spec, ...(version ? { version } : {}) } });
}
