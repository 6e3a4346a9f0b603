import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { OpenClawError } from '../errors.js';
import { messageOf } from './plugin-slot.js';
import { TIMED_OUT, withTimeout } from './with-timeout.js';

/** A plugin module file larger than this is not code anyone meant to load: 32 MiB holds any bundle. */
export const MAX_PLUGIN_MODULE_BYTES = 32 * 1024 * 1024;

/**
 * Imports plugin code from `file` within bounds: only a regular file of at most
 * `MAX_PLUGIN_MODULE_BYTES` (a path or a package entry leading to /dev/zero or a FIFO would
 * be read forever), and only if it finishes loading within `timeoutMs` (a top-level `await`
 * that never settles would hold the host, or end it with exit code 13 once nothing else is
 * pending; the timer keeps the process alive until the timeout fires). `label` names the
 * code in messages, `details` go into the error.
 * Throws PLUGIN_LOAD_FAILED (not a file, too large, threw, or did not finish loading).
 *
 * @example
 * const mod = await importBounded('/srv/node_modules/echo/index.js', 'plugin "echo"', 10_000, { spec: 'echo' });
 */
export async function importBounded(file: string, label: string, timeoutMs: number, details: Record<string, unknown>): Promise<Record<string, unknown>> {
  const problem = fileProblem(file);
  if (problem !== undefined) throw new OpenClawError('PLUGIN_LOAD_FAILED', `${label} cannot be loaded: ${file} ${problem}`, { details });
  return loadWithin(() => import(pathToFileURL(file).href) as Promise<Record<string, unknown>>, `${label} (${file})`, timeoutMs, details);
}

/**
 * Runs a module loader (`import(...)`) within `timeoutMs`. Throws PLUGIN_LOAD_FAILED when it
 * throws ("threw while loading: <message>") or does not settle in time ("did not finish
 * loading within N ms"); the loader itself cannot be cancelled and is left pending.
 */
export async function loadWithin<T>(load: () => Promise<T>, label: string, timeoutMs: number, details: Record<string, unknown>): Promise<T> {
  let loaded: T | typeof TIMED_OUT;
  try {
    loaded = await withTimeout(load, timeoutMs);
  } catch (err) {
    throw new OpenClawError('PLUGIN_LOAD_FAILED', `${label} threw while loading: ${messageOf(err)}`, { cause: err, details });
  }
  if (loaded === TIMED_OUT) {
    throw new OpenClawError('PLUGIN_LOAD_FAILED', `${label} did not finish loading within ${timeoutMs} ms (a top-level await that never settles?)`, { details: { ...details, timeoutMs } });
  }
  return loaded;
}

function fileProblem(file: string): string | undefined {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return 'is not a regular file';
    if (stat.size > MAX_PLUGIN_MODULE_BYTES) return `is ${stat.size} bytes, more than the ${MAX_PLUGIN_MODULE_BYTES} a plugin module may have`;
    return undefined;
  } catch (err) {
    return `cannot be read (${(err as NodeJS.ErrnoException).code ?? messageOf(err)})`;
  }
}
