import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The conditions Node's ESM loader matches for `import()`; plugins are always imported.
const CONDITIONS = new Set(['import', 'node', 'default']);

/**
 * The file `import('<package>')` would load from a package directory: `exports["."]` under
 * the import conditions, else `main`, else `index.js`. With another `subpath` (`"./cli"`),
 * only `exports[subpath]` counts: a package without that export has no such entry. Kept
 * small on purpose: plugin packages are entry points, not libraries with subpath maps.
 *
 * @example
 * packageEntry('/srv/node_modules/openclaw-plugin-echo'); // '/srv/node_modules/openclaw-plugin-echo/index.js'
 * packageEntry('/srv/node_modules/openclaw-plugin-echo', './cli'); // '/srv/node_modules/openclaw-plugin-echo/cli.js'
 */
export function packageEntry(dir: string, subpath = '.'): string | undefined {
  const manifestPath = join(dir, 'package.json');
  const manifest: { exports?: unknown; main?: unknown } = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};
  const target = manifest.exports === undefined ? undefined : pickExport(manifest.exports, subpath);
  const fallbacks = subpath === '.' ? [typeof manifest.main === 'string' ? manifest.main : undefined, 'index.js'] : [];
  const candidates = [target, ...fallbacks];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const file = join(dir, candidate);
    if (existsSync(file)) return file;
    // `main` may leave out the extension, as CommonJS allows.
    if (existsSync(`${file}.js`)) return `${file}.js`;
  }
  return undefined;
}

function pickExport(value: unknown, subpath = '.'): string | undefined {
  if (typeof value === 'string') return subpath === '.' ? value : undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = pickExport(item, subpath);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value);
  // A subpath map ("." / "./x") versus a conditions object ("import" / "default").
  if (entries.some(([key]) => key.startsWith('.'))) return pickExport((value as Record<string, unknown>)[subpath]);
  if (subpath !== '.') return undefined;
  for (const [condition, target] of entries) {
    if (!CONDITIONS.has(condition)) continue;
    const found = pickExport(target);
    if (found !== undefined) return found;
  }
  return undefined;
}
