/**
 * @module
 * Runs the bundle of the short commands (`dist/bundle/cli.cjs`, made by `scripts/bundle.js`)
 * with V8's code cache, which Node 20 offers for scripts but not for ES modules: a run
 * deserializes the bytecode an earlier run compiled instead of parsing and compiling the
 * bundle again, most of what is left of these commands' start-up once Node itself is up.
 *
 * - The cache is `<bundle>.cache`, written by the build and again by any run whose Node
 *   refused it (V8 checks its own version, its flags and the source's length; a build
 *   replaces bundle and cache together). Writing is best effort: a read-only install just
 *   compiles each time. The cache is code, trusted as the bundle beside it is: whoever can
 *   write one can write the other.
 * - Stack traces name the `.ts` sources: frames in the bundle are mapped through its source
 *   map with Node's `SourceMap`, read only when a stack with such a frame is formatted, so a
 *   run that shows none never parses the map.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, SourceMap } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { constants, Script } from 'node:vm';

/** What the bundle exports (`src/cli.ts`). */
interface BundleExports {
  runCli(argv: readonly string[]): Promise<void>;
}

/**
 * Loads the bundle at `url` and runs `runCli(process.argv)` from it; resolves or rejects
 * with that run.
 *
 * @example
 * await runBundle(new URL('./bundle/cli.cjs', import.meta.url));
 */
export function runBundle(url: URL): Promise<void> {
  const filename = fileURLToPath(url);
  const cacheFile = `${filename}.cache`;
  mapBundleStacks(filename);
  // The bundle is the module function itself (`scripts/bundle.js`).
  const source = readFileSync(filename, 'utf8');
  const cachedData = readIfPresent(cacheFile);
  const script = new Script(source, { filename, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  // Written at exit, so it holds the functions this run compiled as well as the top level.
  if (cachedData === undefined || script.cachedDataRejected === true) process.once('exit', () => writeCache(script, cacheFile));
  const module = { exports: {} as BundleExports };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(filename), module, filename, dirname(filename));
  return module.exports.runCli(process.argv);
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Replaces the cache in one rename, so a concurrent run reads the old cache or the new, never
 * half of one. The file is opened first: where the install is read-only nothing is serialized.
 */
function writeCache(script: Script, cacheFile: string): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  let fd: number;
  try {
    fd = openSync(temporary, 'wx', 0o644);
  } catch {
    return;
  }
  try {
    writeFileSync(fd, script.createCachedData());
    closeSync(fd);
    renameSync(temporary, cacheFile);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * Formats stack traces with the frames of `filename` at their `.ts` source positions (other
 * frames as V8 writes them), reading `<filename>.map` the first time such a frame is shown:
 * Node formats stacks of its own errors (a refused connection) that have none.
 */
export function mapBundleStacks(filename: string): void {
  let map: SourceMapFile | null | undefined;
  const mapOnce = (): SourceMapFile | null => {
    if (map === undefined) map = readSourceMap(filename);
    return map;
  };
  Error.prepareStackTrace = (error, frames) => `${header(error)}${frames.map((frame) => `\n    at ${frameText(frame, filename, mapOnce)}`).join('')}`;
}

interface SourceMapFile {
  sourceMap: SourceMap;
  /** Where the map is: its `sources` are relative to it. */
  mapUrl: URL;
}

function readSourceMap(filename: string): SourceMapFile | null {
  try {
    return { sourceMap: new SourceMap(JSON.parse(readFileSync(`${filename}.map`, 'utf8'))), mapUrl: pathToFileURL(`${filename}.map`) };
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
