import { existsSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { OpenClawError } from '../errors.js';
import { packageEntry } from './package-entry.js';

/**
 * Turns one `plugins.load` entry into the real path of the file to import. Paths (absolute,
 * or starting with `.`) resolve against `baseDir`; anything else is a package name looked up
 * in the node_modules folders above `baseDir`, then above `process.cwd()`. The real path is
 * returned so a symlinked package resolves its own imports from where it really lives.
 * Throws PLUGIN_NOT_FOUND saying what was looked up where.
 *
 * @example
 * resolvePluginModule('openclaw-plugin-echo', stateDir); // '/.../openclaw-plugin-echo/index.js'
 */
export function resolvePluginModule(spec: string, baseDir: string): string {
  if (isAbsolute(spec) || spec.startsWith('.')) return resolvePath(spec, baseDir);
  const searched: string[] = [];
  for (const from of new Set([baseDir, process.cwd()])) {
    const paths = createRequire(join(from, 'noop.js')).resolve.paths(spec) ?? [];
    for (const modules of paths) {
      if (searched.includes(modules)) continue;
      searched.push(modules);
      const dir = join(modules, spec);
      if (!existsSync(join(dir, 'package.json'))) continue;
      const entry = packageEntry(dir);
      if (entry === undefined) throw notFound(`plugin package "${spec}" at ${dir} has no entry file (exports, main or index.js)`, spec);
      return realpathSync(entry);
    }
  }
  // A bare `plugins/x` is a package name to Node; point at the path the user probably meant.
  const hint = existsSync(resolve(baseDir, spec)) ? `; to load the path ${resolve(baseDir, spec)}, write "./${spec}"` : '; install it there or list a path';
  throw notFound(`plugin package "${spec}" not found in node_modules above ${baseDir} (searched ${searched.length} folders, from ${searched[0] ?? baseDir})${hint}`, spec);
}

function resolvePath(spec: string, baseDir: string): string {
  const target = resolve(baseDir, spec);
  if (!existsSync(target)) throw notFound(`plugin path "${spec}" does not exist (resolved to ${target} from ${baseDir})`, spec);
  if (!statSync(target).isDirectory()) return realpathSync(target);
  const entry = packageEntry(target);
  if (entry === undefined) throw notFound(`plugin directory ${target} has no entry file (package.json exports or main, or index.js)`, spec);
  return realpathSync(entry);
}

function notFound(message: string, spec: string): OpenClawError {
  return new OpenClawError('PLUGIN_NOT_FOUND', message, { details: { spec } });
}
