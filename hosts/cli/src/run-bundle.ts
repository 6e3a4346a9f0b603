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
 *   compiles each time.
 * - Stack traces name the `.ts` sources: frames in the bundle are mapped through its source
 *   map with Node's `SourceMap`, read only when a stack is formatted, so a run that shows no
 *   stack never parses the map.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  // The module wrapper on a line of its own, taken back by lineOffset: stack positions are the file's.
  const source = `(function (exports, require, module, __filename, __dirname) {\n${readFileSync(filename, 'utf8')}\n})`;
  const cachedData = readIfPresent(cacheFile);
  const script = new Script(source, { filename, lineOffset: -1, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
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

/** Replaces the cache in one rename, so a concurrent run reads the old cache or the new, never half of one. */
function writeCache(script: Script, cacheFile: string): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, script.createCachedData(), { flag: 'wx', mode: 0o644 });
    renameSync(temporary, cacheFile);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * Formats stack traces with the frames of `filename` at their `.ts` source positions (other
 * frames as V8 writes them), reading `<filename>.map` the first time a stack is formatted.
 */
export function mapBundleStacks(filename: string): void {
  let map: { sourceMap: SourceMap; mapUrl: URL } | null | undefined;
  Error.prepareStackTrace = (error, frames) => {
    map ??= readSourceMap(filename);
    const lines = frames.map((frame) => `\n    at ${frameText(frame, filename, map ?? null)}`);
    return `${header(error)}${lines.join('')}`;
  };
}

function readSourceMap(filename: string): { sourceMap: SourceMap; mapUrl: URL } | null {
  try {
    return { sourceMap: new SourceMap(JSON.parse(readFileSync(`${filename}.map`, 'utf8'))), mapUrl: pathToFileURL(`${filename}.map`) };
  } catch {
    return null;
  }
}

function frameText(frame: NodeJS.CallSite, filename: string, map: { sourceMap: SourceMap; mapUrl: URL } | null): string {
  const text = frame.toString();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (map === null || frame.getFileName() !== filename || line === null || column === null) return text;
  const entry = map.sourceMap.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
  if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return text;
  const position = `${fileURLToPath(new URL(entry.originalSource, map.mapUrl))}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const at = text.lastIndexOf(`${filename}:${line}:${column}`);
  return at < 0 ? text : `${text.slice(0, at)}${position}${text.slice(at + `${filename}:${line}:${column}`.length)}`;
}

/** The first line V8 would write: `Name: message`, or whatever the thrown value's toString says. */
function header(error: Error): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return '<error>';
  }
}
