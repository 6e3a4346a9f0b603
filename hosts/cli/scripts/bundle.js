/**
 * @module
 * Bundles the compiled CLI (`dist/main.js`) into `dist/bundle/` for the short commands that
 * `src/entry-point.ts` starts from it: one ES module per lazily imported part, so a command
 * still loads only what it runs, in a handful of files. Run after `tsc -b` (`npm run build`).
 *
 * - Source maps are linked and composed with tsc's, so a stack trace maps to the `.ts` line
 *   (bin/openclaw.js turns them on for the bundle).
 * - `import.meta.url` of every bundled module keeps meaning that module's own file, so paths
 *   read relative to it (package.json, data files) stay right wherever the package is installed.
 * - Host and plugin packages stay outside: commands that load them never run from the bundle,
 *   and the build fails when an action of a bundled command would reach one.
 * - zod's error messages are bundled in English only: nothing here picks another locale, and
 *   the other 60 would be parsed on every start.
 */
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
/** Loaded at run time from their packages, never bundled (see entry-point.ts). */
const EXTERNAL = ['@openclaw-nodes/gateway', '@openclaw-nodes/gateway/*', '@openclaw-nodes/node-host', '@openclaw-nodes/desktop-host', '@openclaw-nodes/mcp', '@openclaw-nodes/plugin-*'];
/** The actions behind entry-point.ts's BUNDLED_COMMANDS, checked to reach no EXTERNAL package. */
const BUNDLED_ACTIONS = ['nodes-status', 'nodes-pairing', 'nodes-invoke', 'nodes-run', 'media-download', 'devices', 'config-get', 'config-set', 'config-unset', 'config-file'];

/**
 * Rewrites `import.meta.url` to the URL of the module's original file, relative to the chunk,
 * and core's `requireCommonJs(import.meta.url, 'pkg')` to `require('pkg')`, so the package is
 * bundled as an import would be (core loads it so only to spare unbundled hosts a source scan).
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const path = relative(outdir, args.path).split('\\').join('/');
      const required = text.replace(/requireCommonJs(?:<[^>]*>)?\(import\.meta\.url, ('[^']+')\)/g, 'require($1)');
      return { contents: required.replaceAll('import.meta.url', `new URL(${JSON.stringify(path)}, import.meta.url).href`), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** zod's locale index reduced to the English messages zod uses by default. */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({ contents: "export { default as en } from './en.js';", loader: 'js', resolveDir: dirname(args.path) }));
  },
};

rmSync(outdir, { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: [`${root}dist/main.js`],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  external: EXTERNAL,
  plugins: [ownImportMetaUrl, zodEnglishOnly],
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies (commander, ws) call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
writeFileSync(`${outdir}/package.json`, '{ "type": "module" }\n');
checkBundledActions(metafile);

/** Fails the build when a bundled command's action can reach a package left outside. */
function checkBundledActions({ outputs }) {
  const reached = (start) => {
    const seen = new Set();
    const found = new Set();
    for (const stack = [start]; stack.length > 0; ) {
      const file = stack.pop();
      if (seen.has(file)) continue;
      seen.add(file);
      for (const imported of outputs[file]?.imports ?? []) {
        if (!imported.external) stack.push(imported.path);
        else if (imported.path.startsWith('@openclaw-nodes/')) found.add(imported.path);
      }
    }
    return [...found];
  };
  for (const action of BUNDLED_ACTIONS) {
    const [file] = Object.entries(outputs).find(([, o]) => o.entryPoint?.endsWith(`dist/actions/${action}.js`)) ?? [];
    if (file === undefined) throw new Error(`bundle: no chunk for actions/${action}.js`);
    const outside = reached(file);
    if (outside.length > 0) throw new Error(`bundle: actions/${action}.js reaches ${outside.join(', ')}; run its command from dist (entry-point.ts)`);
  }
}
