import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { exports as resolveExports, legacy } from 'resolve.exports';
import { readManifest, type PackageManifest } from './read-manifest.js';

/**
 * The file `import('<package>/<subpath>')` would load from a package directory, read from its
 * package.json (`manifest` when the caller already holds it). `exports` is resolved by
 * `resolve.exports` under Node's import conditions (`import`, `node`, `default`); as in Node,
 * a package with `exports` offers only what it exports. Without `exports`, `.` is `main` (with
 * or without `.js`) else `index.js`, and no other subpath exists. An entry that would lie
 * outside the package directory, a missing file, or an unreadable manifest give `undefined`.
 *
 * @example
 * packageEntry('/srv/node_modules/openclaw-plugin-echo'); // '/srv/node_modules/openclaw-plugin-echo/index.js'
 * packageEntry('/srv/node_modules/openclaw-plugin-echo', './cli'); // '/srv/node_modules/openclaw-plugin-echo/cli.js'
 */
export function packageEntry(dir: string, subpath = '.', manifest: PackageManifest | string | undefined = readManifest(dir)): string | undefined {
  if (typeof manifest === 'string') return undefined;
  const candidates = manifest?.exports !== undefined ? exportTargets(manifest, subpath) : subpath === '.' ? legacyTargets(manifest) : [];
  for (const candidate of candidates) {
    const file = join(dir, candidate);
    const inside = relative(dir, file);
    if (inside.startsWith('..') || isAbsolute(inside)) continue;
    if (isFile(file)) return file;
  }
  return undefined;
}

function exportTargets(manifest: PackageManifest, subpath: string): string[] {
  try {
    // `name` only labels resolve.exports' error for a subpath the package does not export.
    return resolveExports({ ...manifest, name: String(manifest.name ?? 'package') }, subpath) ?? [];
  } catch {
    return [];
  }
}

function legacyTargets(manifest: PackageManifest | undefined): string[] {
  const main = manifest === undefined ? undefined : legacy({ ...manifest, name: String(manifest.name ?? 'package') }, { browser: false, fields: ['main'] });
  // `main` may leave out the extension, as CommonJS allows.
  return typeof main === 'string' ? [main, `${main}.js`, 'index.js'] : ['index.js'];
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile();
}
