/**
 * @module
 * Runs the bundle of the short commands (`dist/bundle/cli.cjs`, made by `scripts/bundle.js`)
 * with V8's code cache, which Node 20 offers for scripts but not for ES modules: a run
 * deserializes the bytecode an earlier run compiled instead of parsing and compiling the
 * bundle again, most of what is left of these commands' start-up once Node itself is up.
 *
 * - The cache is `<bundle>.cache` (`bundle-code-cache.ts`), written by the build and again by
 *   any run that found none made for this exact bundle at this path, or whose Node refused it.
 *   Writing is best effort: a read-only install just compiles each time. The cache is code,
 *   trusted as the bundle beside it is: whoever can write one can write the other.
 * - `import()` inside the bundle is a call of the function this module passes in (the build
 *   rewrites each one): in a script whose code came from a cache, Node 20 finds no loader for
 *   a native `import()` and throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING.
 * - Stack traces name the `.ts` sources: frames in the bundle are mapped through its source
 *   map with Node's `SourceMap`, read only when a stack with such a frame is formatted, so a
 *   run that shows none never parses the map.
 */
import { readFileSync } from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { BUNDLE_DIGEST_FIELD, bundleDigest, cacheKey, readCodeCache, writeCodeCache } from './bundle-code-cache.js';

/** What the bundle exports (`src/cli.ts`). */
interface BundleExports {
  runCli(argv: readonly string[]): Promise<void>;
}

/**
 * Loads the bundle at `url` and runs `runCli(process.argv)` from it; resolves or rejects
 * with that run. Throws (ENOENT) when the bundle is not there.
 *
 * @example
 * await runBundle(new URL('./bundle/cli.cjs', import.meta.url));
 */
export function runBundle(url: URL): Promise<void> {
  const bundle = loadBundle(url);
  if (bundle === null) throw Object.assign(new Error(`the CLI bundle ${fileURLToPath(url)} is missing; run npm run build`), { code: 'ENOENT' });
  return bundle.runCli(process.argv);
}

/**
 * Compiles and runs the bundle at `url`, returning its exports, or null when the file is not
 * there (a build replacing the bundle directory this very moment: the caller starts the
 * plain build instead).
 */
export function loadBundle(url: URL): BundleExports | null {
  const filename = fileURLToPath(url);
  const cacheFile = `${filename}.cache`;
  let bytes: Buffer;
  try {
    bytes = readFileSync(filename);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const digest = bundleDigest(bytes);
  mapBundleStacks(filename, digest);
  const key = cacheKey(filename, digest);
  const cachedData = readCodeCache(cacheFile, key);
  // The bundle is the module function itself (`scripts/bundle.js`).
  const script = new Script(bytes.toString('utf8'), { filename, cachedData });
  // Written at exit, so it holds the functions this run compiled as well as the top level.
  if (cachedData === undefined || script.cachedDataRejected === true) process.once('exit', () => writeCodeCache(script, cacheFile, key));
  const module = { exports: {} as BundleExports };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(filename), module, filename, dirname(filename), importFor(url));
  return module.exports;
}

/**
 * The bundle's `import(specifier)` (the build refuses calls with import attributes): a relative
 * specifier is resolved against the bundle's own URL, as a native `import()` in it would be;
 * any other is imported from here, the bundle's starter, which sits in the same directory.
 */
function importFor(url: URL): (specifier: unknown) => Promise<unknown> {
  return (specifier) => {
    const text = String(specifier);
    return import(text.startsWith('./') || text.startsWith('../') ? new URL(text, url).href : text);
  };
}

/**
 * Formats stack traces with the frames of `filename` at their `.ts` source positions (other
 * frames as V8 writes them), reading `<filename>.map` the first time such a frame is shown:
 * Node formats stacks of its own errors (a refused connection) that have none. A map made for
 * another bundle than the one whose `bundleDigest` is `digest` (a rebuild since this run
 * started) is not used: its frames keep the bundle's positions rather than name wrong lines.
 */
export function mapBundleStacks(filename: string, digest: string): void {
  let map: SourceMapFile | null | undefined;
  const mapOnce = (): SourceMapFile | null => {
    if (map === undefined) map = readSourceMap(filename, digest);
    return map;
  };
  Error.prepareStackTrace = (error, frames) => `${header(error)}${frames.map((frame) => `\n    at ${frameText(frame, filename, mapOnce)}`).join('')}`;
}

interface SourceMapFile {
  sourceMap: SourceMap;
  /** Where the map is: its `sources` are relative to it. */
  mapUrl: URL;
}

function readSourceMap(filename: string, digest: string): SourceMapFile | null {
  try {
    const payload = JSON.parse(readFileSync(`${filename}.map`, 'utf8')) as Record<string, unknown>;
    if (payload[BUNDLE_DIGEST_FIELD] !== digest) return null;
    return { sourceMap: new SourceMap(payload as unknown as ConstructorParameters<typeof SourceMap>[0]), mapUrl: pathToFileURL(`${filename}.map`) };
  } catch {
    return null;
  }
}

function frameText(frame: NodeJS.CallSite, filename: string, mapOnce: () => SourceMapFile | null): string {
  const text = frame.toString();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (frame.getFileName() !== filename || line === null || column === null) return text;
  const map = mapOnce();
  if (map === null) return text;
  const entry = map.sourceMap.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return text;
  const bundled = `${filename}:${line}:${column}`;
  const original = `${fileURLToPath(new URL(entry.originalSource, map.mapUrl))}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const at = text.lastIndexOf(bundled);
  return at < 0 ? text : `${text.slice(0, at)}${original}${text.slice(at + bundled.length)}`;
}

/** The first line V8 would write: `Name: message`, or whatever the thrown value's toString says. */
function header(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
}
