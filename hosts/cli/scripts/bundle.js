/**
 * @module
 * Bundles the compiled CLI (`dist/cli.js`) into one script, `dist/bundle/cli.cjs`, for the
 * short commands that `src/entry-point.ts` starts from it, and writes its V8 code cache
 * (`cli.cjs.cache`) by running one such command. `src/run-bundle.ts` runs it, from
 * `dist/bundle/start.cjs` (`src/bundle-start.ts`, bundled too), which `bin/openclaw.js`
 * requires. Run after `tsc -b` (`npm run build`).
 *
 * - CommonJS, one file: Node 20 takes a code cache for a script, not for an ES module, and a
 *   cached script is not parsed again, so its size costs a read rather than a compile.
 * - Source maps are linked and composed with tsc's; `run-bundle.ts` maps stack frames to the
 *   `.ts` lines when a stack is shown.
 * - Built in a directory beside `dist/bundle` and renamed into place, so a command started
 *   meanwhile finds the old bundle or the new one, whole (for an instant none, and then starts
 *   the plain build); the code cache is written after, at the path it is for.
 * - Every `import()` left in the bundle becomes a call of a function `run-bundle.ts` passes in
 *   (`route-dynamic-imports.js`).
 * - `import.meta.url` of every bundled module keeps meaning that module's own file, so paths
 *   read relative to it (package.json, data files) stay right wherever the package is installed.
 * - Only what the bundled commands run is inside: other actions stay imports of the plain
 *   build, never taken from the bundle. Host and plugin packages stay outside, and the build
 *   fails when an action of a bundled command would reach one.
 * - zod's error messages are bundled in English only: nothing here picks another locale, and
 *   the other 60 would be parsed on every start.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_DIGEST_FIELD, bundleDigest } from '../dist/bundle-code-cache.js';
import { IMPORT_PARAMETER, routeDynamicImports } from './route-dynamic-imports.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
/** Where this build writes: beside `outdir`, so relative paths from it are the same. */
const workdir = `${root}dist/bundle.${process.pid}.tmp`;
/** Loaded at run time from their packages, never bundled (see entry-point.ts). */
const EXTERNAL = ['@openclaw-nodes/gateway', '@openclaw-nodes/gateway/*', '@openclaw-nodes/node-host', '@openclaw-nodes/desktop-host', '@openclaw-nodes/mcp', '@openclaw-nodes/plugin-*'];
/**
 * Large, and imported only on first use by paths a bundled command rarely takes (a `.ts`
 * project config, a media file to encode): loaded from their packages when needed, so no
 * start reads them.
 */
const ON_DEMAND = ['typescript', 'sharp', 'fluent-ffmpeg'];
/** The actions behind entry-point.ts's BUNDLED_COMMANDS: the only ones inside the bundle. */
const BUNDLED_ACTIONS = ['nodes-status', 'nodes-pairing', 'nodes-invoke', 'nodes-run', 'media-download', 'devices', 'config-get', 'config-set', 'config-unset', 'config-file'];
/** The bundle's own URL, for the `import.meta.url` of the modules inside it. */
const BUNDLE_URL = '__openclawBundleUrl';

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
      return { contents: required.replaceAll('import.meta.url', `new URL(${JSON.stringify(path)}, ${BUNDLE_URL}).href`), loader: 'js', resolveDir: dirname(args.path) };
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

/** Actions of commands that never start from the bundle: left as imports of the plain build's files. */
const plainActions = {
  name: 'plain-actions',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/actions\/[\w-]+\.js$/ }, (args) => {
      const name = args.path.slice('../actions/'.length, -'.js'.length);
      // A static import (a shared flag parser) is code every command runs: bundled.
      return args.kind !== 'dynamic-import' || BUNDLED_ACTIONS.includes(name) ? undefined : { path: relative(outdir, join(args.resolveDir, args.path)).split('\\').join('/'), external: true };
    });
  },
};

/**
 * `dist/<entry>.js` as one CommonJS script `dist/bundle/<name>.cjs`; resolves with esbuild's
 * metafile. `wrapped`: the file is the module function itself, for `run-bundle.ts` to compile
 * as read (a wrapper added at run time would copy the whole source once more).
 */
async function bundle(entry, name, { wrapped = false } = {}) {
  // Strict, as the ES modules bundled were: the directive must come before the banner's statement.
  const bundleUrl = `'use strict';\nvar ${BUNDLE_URL} = require('node:url').pathToFileURL(__filename).href;`;
  const { metafile } = await build({
    entryPoints: [`${root}dist/${entry}.js`],
    outfile: `${workdir}/${name}.cjs`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    external: [...EXTERNAL, ...ON_DEMAND],
    plugins: [ownImportMetaUrl, zodEnglishOnly, plainActions],
    metafile: true,
    logLevel: 'warning',
    banner: { js: wrapped ? `(function (exports, require, module, __filename, __dirname, ${IMPORT_PARAMETER}) {\n${bundleUrl}` : bundleUrl },
    footer: { js: wrapped ? '})' : '' },
  });
  return metafile;
}

removeAbandonedWorkdirs();
try {
  const metafile = await bundle('cli', 'cli', { wrapped: true });
  await routeDynamicImports(`${workdir}/cli.cjs`);
  stampSourceMap(`${workdir}/cli.cjs`);
  // What bin/openclaw.js requires to pick the build and run this one.
  await bundle('bundle-start', 'start');
  checkBundledActions(metafile);
  replaceOutdir();
} finally {
  rmSync(workdir, { recursive: true, force: true });
}
writeCodeCache();

/**
 * Writes the digest of the finished bundle into its source map, as `src/bundle-code-cache.ts`
 * computes it, so a run maps its stacks only through the map of the bundle it runs.
 */
function stampSourceMap(file) {
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  map[BUNDLE_DIGEST_FIELD] = bundleDigest(readFileSync(file));
  writeFileSync(`${file}.map`, JSON.stringify(map));
}

/** Swaps the finished bundle in: two renames, so `outdir` is missing for an instant at most, never half written. */
function replaceOutdir() {
  const old = `${root}dist/bundle.${process.pid}.old`;
  try {
    renameSync(outdir, old);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  renameSync(workdir, outdir);
  rmSync(old, { recursive: true, force: true });
}

/** Removes what builds killed half-way left in dist/ (their process is gone); another build's own stays. */
function removeAbandonedWorkdirs() {
  for (const name of readdirSync(`${root}dist`)) {
    const pid = /^bundle\.(\d+)\.(tmp|old)$/.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(`${root}dist/${name}`, { recursive: true, force: true });
  }
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Fails the build when a bundled action is missing from the bundle or the bundle reaches a package left outside. */
function checkBundledActions({ inputs, outputs }) {
  for (const action of BUNDLED_ACTIONS) {
    if (!Object.keys(inputs).some((file) => file.endsWith(`dist/actions/${action}.js`))) throw new Error(`bundle: actions/${action}.js is not in the bundle`);
  }
  const outside = outputs[relative(process.cwd(), `${workdir}/cli.cjs`).split('\\').join('/')]?.imports.filter((i) => i.external && i.path.startsWith('@openclaw-nodes/')) ?? [];
  if (outside.length > 0) throw new Error(`bundle: a bundled action reaches ${outside.map((i) => i.path).join(', ')}; run its command from dist (entry-point.ts)`);
}

/**
 * Runs one bundled command, as most are run: `nodes status` finding its gateway through the
 * config (here one that is not running), so that `run-bundle.ts` writes the code cache with
 * what such a command compiles: config, connect and error paths. A run under another Node
 * rewrites it.
 */
function writeCodeCache() {
  const state = mkdtempSync(join(tmpdir(), 'openclaw-bundle-'));
  try {
    writeFileSync(join(state, 'openclaw.json'), "{ gateway: { port: 9, auth: { token: 'build' } } }\n", { mode: 0o600 });
    const args = [`${root}bin/openclaw.js`, 'nodes', 'status', '--json', '--timeout', '2000'];
    spawnSync(process.execPath, args, { cwd: state, env: { ...process.env, HOME: state, OPENCLAW_STATE_DIR: state }, stdio: 'ignore', timeout: 30_000 });
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
  if (!existsSync(`${outdir}/cli.cjs.cache`)) console.warn(`bundle: no code cache was written next to ${outdir}/cli.cjs; commands start without one until a run writes it`);
}
