/**
 * @module
 * Which build of the CLI a command starts from. Short commands that only read the config or
 * call a gateway start from the bundle (`dist/bundle/cli.cjs`, made by `scripts/bundle.js`, run
 * by `run-bundle.ts` with V8's code cache): one file instead of some 230 modules, compiled once
 * rather than on every start. Every other
 * command starts from the plain build (`dist/main.js`): a gateway, a node host, `mcp serve`
 * and plugin command groups load plugin packages at run time, and those must share their
 * host's one copy of core and zod rather than meet a second copy inside a bundle.
 */
import { existsSync } from 'node:fs';

/** Subcommands per group that run from the bundle; none of them loads a host or plugin package. */
export const BUNDLED_COMMANDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['nodes', ['status', 'describe', 'list', 'pending', 'approve', 'reject', 'rename', 'remove', 'invoke', 'run']],
  ['devices', ['list', 'approve', 'reject', 'remove']],
  ['config', ['get', 'set', 'unset', 'file']],
]);

const BUNDLE = new URL('./bundle/cli.cjs', import.meta.url);
const PLAIN = new URL('./main.js', import.meta.url);

/**
 * The build to start for `args` (`process.argv.slice(2)`): `{ url, bundled: true }` with the
 * bundle (for `runBundle`) for a `BUNDLED_COMMANDS` command when the bundle was built,
 * `dist/main.js` (to import) otherwise.
 *
 * @example
 * entryPoint(['nodes', 'status', '--json']).url.href; // …/dist/bundle/cli.cjs
 */
export function entryPoint(args: readonly string[], bundleBuilt: () => boolean = () => existsSync(BUNDLE)): { url: URL; bundled: boolean } {
  const [group, sub] = args;
  const bundled = group !== undefined && sub !== undefined && BUNDLED_COMMANDS.get(group)?.includes(sub) === true && bundleBuilt();
  return { url: bundled ? BUNDLE : PLAIN, bundled };
}
