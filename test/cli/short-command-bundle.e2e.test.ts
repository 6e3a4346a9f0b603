import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN, startTestGateway } from '../support/in-process-gateway.js';
import { CLI_DIR } from '../support/paths.js';
import { tempDir } from '../support/temp-dir.js';

// The short commands start from the bundle `npm run build` makes (dist/bundle/cli.cjs), run with
// V8's code cache. These run a copy of the package's start files, so its files can be broken.
const dir = tempDir('oc-bundle-');
const copy = join(dir.path, 'cli');
const cache = join(copy, 'dist', 'bundle', 'cli.cjs.cache');
let gw: Awaited<ReturnType<typeof startTestGateway>>;

beforeAll(async () => {
  gw = await startTestGateway();
  // All a short command loads: no plain build beside it, no node_modules around it.
  for (const part of ['bin', 'dist/bundle', 'package.json']) cpSync(join(CLI_DIR, part), join(copy, part), { recursive: true });
  mkdirSync(join(dir.path, 'state'));
});

afterAll(async () => {
  await gw.stop();
  dir.cleanup();
});

/** `openclaw nodes status --json` from the copy, run while this process keeps serving the gateway. */
const status = () =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const args = [join(copy, 'bin', 'openclaw.js'), 'nodes', 'status', '--json', '--url', gw.url];
    const env = { ...process.env, OPENCLAW_STATE_DIR: join(dir.path, 'state'), OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN };
    const child = execFile(process.execPath, args, { env }, (_err, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }));
  });

describe('the short commands bundle', () => {
  it('is built, with its source map and code cache', () => {
    for (const file of ['start.cjs', 'cli.cjs', 'cli.cjs.map', 'cli.cjs.cache']) expect(existsSync(join(CLI_DIR, 'dist', 'bundle', file)), file).toBe(true);
  });

  it('answers with a corrupt code cache, and replaces the cache', async () => {
    writeFileSync(cache, 'not a code cache');
    const result = await status();
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ nodes: [] });
    expect(readFileSync(cache).length).toBeGreaterThan(1000);
    expect((await status()).status).toBe(0);
  });

  it("shows a thrown error's stack at the TypeScript lines, not the bundle's", async () => {
    // A broken install: the version cannot be read, and nothing catches that.
    writeFileSync(join(copy, 'package.json'), '{ "version": ');
    const result = await status();
    expect(result.status).toBe(70);
    expect(result.stderr).toMatch(/at readVersion \(\S*\/src\/version\.ts:\d+:\d+\)/);
    expect(result.stderr).toMatch(/at (Object\.)?runCli \(\S*\/src\/cli\.ts:\d+:\d+\)/);
    expect(result.stderr).not.toMatch(/cli\.cjs/);
  });
});
