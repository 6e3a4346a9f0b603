/**
 * @module
 * The first thing `bin/openclaw.js` loads: starts a short command from the bundle. Bundled
 * itself, as `dist/bundle/start.cjs` (`scripts/bundle.js`), so that such a command never
 * starts Node's ES module loader: the binary, this file and the bundle are all scripts.
 */
import { entryPoint } from './entry-point.js';
import { loadBundle } from './run-bundle.js';

/** Also for running any command of the bundle, as the tests of its dynamic imports do. */
export { runBundle } from './run-bundle.js';

/**
 * Starts the command `argv` (`process.argv`) names from the bundle and returns true when it
 * is one of `BUNDLED_COMMANDS` and the bundle is built; returns false, having started
 * nothing, otherwise (also when a build replaces the bundle directory at this moment). A
 * failure of the run is an unhandled rejection, which the handlers `cli.ts` installs report.
 */
export function startFromBundle(argv: readonly string[]): boolean {
  const entry = entryPoint(argv.slice(2));
  if (!entry.bundled) return false;
  const bundle = loadBundle(entry.url);
  if (bundle === null) return false;
  void bundle.runCli(argv);
  return true;
}
