import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN, startTestGateway } from '../support/in-process-gateway.js';
import { CLI_DIR } from '../support/paths.js';
import { tempDir } from '../support/temp-dir.js';

// The short commands start from the bundle `npm run build` makes (dist/bundle/cli.cjs), run with
// V8's code cache. Each case runs its own copy of the package's start files, at a path other
// than the build's, with the build's own cache, so its files can be broken.
const dir = tempDir('oc-bundle-');
let copies = 0;
let gw: Awaited<ReturnType<typeof startTestGateway>>;

beforeAll(async () => {
  gw = await startTestGateway();
  mkdirSync(join(dir.path, 'state'));
});

afterAll(async () => {
  await gw.stop();
  dir.cleanup();
});

/** A fresh copy of all a short command loads: no plain build beside it, no node_modules around it. */
function freshCopy(): string {
  const copy = join(dir.path, `cli-${++copies}`);
  for (const part of ['bin', 'dist/bundle', 'package.json']) cpSync(join(CLI_DIR, part), join(copy, part), { recursive: true });
  return copy;
}

type Run = { status: number | null; stdout: string; stderr: string };

/** Runs `node args` with the test state dir and token, while this process keeps serving the gateway. */
const run = (args: string[]) =>
  new Promise<Run>((resolve) => {
    const env = { ...process.env, OPENCLAW_STATE_DIR: join(dir.path, 'state'), OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN };
    const child = execFile(process.execPath, args, { env }, (_err, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }));
  });

/** `openclaw nodes status --json` from `copy`, against `url` (the test gateway unless told). */
const status = (copy: string, url = gw.url) => run([join(copy, 'bin', 'openclaw.js'), 'nodes', 'status', '--json', '--url', url]);

describe('the short commands bundle', () => {
  it('is built, with its source map and code cache', () => {
    for (const file of ['start.cjs', 'cli.cjs', 'cli.cjs.map', 'cli.cjs.cache']) expect(existsSync(join(CLI_DIR, 'dist', 'bundle', file)), file).toBe(true);
  });

  it('answers with a corrupt code cache, and replaces the cache', async () => {
    const copy = freshCopy();
    const cache = join(copy, 'dist', 'bundle', 'cli.cjs.cache');
    writeFileSync(cache, 'not a code cache');
    const result = await status(copy);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ nodes: [] });
    expect(readFileSync(cache).length).toBeGreaterThan(1000);
    expect((await status(copy)).status).toBe(0);
  });

  it("shows a thrown error's stack at the TypeScript lines of the copy, not the build's bundle", async () => {
    const copy = freshCopy();
    // A broken install: the version cannot be read, and nothing catches that.
    writeFileSync(join(copy, 'package.json'), '{ "version": ');
    for (const attempt of ['the build cache', 'the cache the first run wrote']) {
      const result = await status(copy);
      expect(result.status, attempt).toBe(70);
      expect(result.stderr, attempt).toMatch(/at readVersion \(\S*\/src\/version\.ts:\d+:\d+\)/);
      expect(result.stderr, attempt).toMatch(/at (Object\.)?runCli \(\S*\/src\/cli\.ts:\d+:\d+\)/);
      expect(result.stderr, attempt).toContain(join(copy, 'src', 'version.ts'));
      expect(result.stderr, attempt).not.toContain(CLI_DIR);
      expect(result.stderr, attempt).not.toMatch(/cli\.cjs/);
    }
  });

  it('names the bundle positions rather than wrong TypeScript lines when the source map is of another build', async () => {
    const copy = freshCopy();
    writeFileSync(join(copy, 'package.json'), '{ "version": ');
    // The map a rebuild leaves beside a command still running the bundle it replaced.
    const mapFile = join(copy, 'dist', 'bundle', 'cli.cjs.map');
    const map = JSON.parse(readFileSync(mapFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(mapFile, JSON.stringify({ ...map, x_openclaw_bundle_sha256: '0'.repeat(64) }));
    const result = await status(copy);
    expect(result.status).toBe(70);
    expect(result.stderr).toContain(`at readVersion (${join(copy, 'dist', 'bundle', 'cli.cjs')}:`);
    expect(result.stderr).not.toMatch(/\.ts:\d+/);
  });

  it('runs the new code of a bundle changed to one of the same length, not the cached old code', async () => {
    const copy = freshCopy();
    const closed = 'ws://127.0.0.1:9';
    // Twice: the second run has a cache of this copy's bundle holding the refused-connect path.
    for (let i = 0; i < 2; i++) expect(JSON.parse((await status(copy, closed)).stdout).error.message).toMatch(/^cannot reach gateway at/);
    const bundle = join(copy, 'dist', 'bundle', 'cli.cjs');
    const source = readFileSync(bundle, 'utf8');
    expect(source).toContain('cannot reach gateway at');
    writeFileSync(bundle, source.replaceAll('cannot reach gateway at', 'CANNOT REACH GATEWAY AT'));
    expect(JSON.parse((await status(copy, closed)).stdout).error.message).toMatch(/^CANNOT REACH GATEWAY AT/);
  });

  it('loads a module with import() from a run whose code came from the cache', async () => {
    const copy = freshCopy();
    // `openclaw status` imports its action from the plain build (dist/actions/status.js), relative to the bundle.
    mkdirSync(join(copy, 'dist', 'actions'));
    writeFileSync(join(copy, 'dist', 'actions', 'status.js'), "export async function status() { process.stdout.write('plain build status\\n'); }\n");
    writeFileSync(join(copy, 'dist', 'package.json'), '{ "type": "module" }\n');
    // A command that never starts from the bundle, run from it through the starter's runBundle.
    const runner = join(copy, 'bin', 'run-from-bundle.js');
    const bundleUrl = pathToFileURL(join(copy, 'dist', 'bundle', 'cli.cjs')).href;
    writeFileSync(runner, `require('../dist/bundle/start.cjs').runBundle(new URL(${JSON.stringify(bundleUrl)}));\n`);
    // The first run compiles and writes the cache; the second runs the cached code.
    for (const attempt of ['compiled', 'cached']) {
      const result = await run([runner, 'status']);
      expect(result.stderr, attempt).toBe('');
      expect(result.stdout, attempt).toBe('plain build status\n');
    }
  });
});
