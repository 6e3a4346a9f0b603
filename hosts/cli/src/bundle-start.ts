/**
 * @module
 * The first thing `bin/openclaw.js` loads: starts a short command from the bundle. Bundled
 * itself, as `dist/bundle/start.cjs` (`scripts/bundle.js`), so that such a command never
 * starts Node's ES module loader: the binary, this file and the bundle are all scripts.
 */
import { entryPoint } from './entry-point.js';
import { runBundle } from './run-bundle.js';

/**
 * Starts the command `argv` (`process.argv`) names from the bundle and returns true when it
 * is one of `BUNDLED_COMMANDS` and the bundle is built; returns false, having started
 * nothing, otherwise. A failure of the run is an unhandled rejection, which the handlers
 * `cli.ts` installs report.
 */
export function startFromBundle(argv: readonly string[]): boolean {
  const entry = entryPoint(argv.slice(2));
  if (!entry.bundled) return false;
  void runBundle(entry.url);
  return true;
}
