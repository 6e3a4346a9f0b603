import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { BIN } from './paths.js';
import { TEST_TOKEN, startTestGateway } from './in-process-gateway.js';
import { tempDir } from './temp-dir.js';

const run = promisify(execFile);
const HOOK = new URL('../fixtures/loader/record-loads.mjs', import.meta.url).pathname;

/**
 * Registers a test gateway and a CLI state dir (with `config` as its openclaw.json, if given)
 * for the enclosing file. `loadsOf` runs the CLI with every module it loads recorded
 * (the `record-loads` loader hook) and returns the recorded URLs.
 */
export function loadRecorder(config?: unknown) {
  let gw: Awaited<ReturnType<typeof startTestGateway>>;
  const dir = tempDir('oc-lazy-');
  beforeAll(async () => {
    gw = await startTestGateway();
    if (config !== undefined) writeFileSync(join(dir.path, 'openclaw.json'), JSON.stringify(config));
  });
  afterAll(async () => {
    await gw.stop();
    dir.cleanup();
  });
  return {
    gatewayUrl: () => gw.url,
    async loadsOf(name: string, args: string[]): Promise<string[]> {
      const file = join(dir.path, `${name}.txt`);
      const env = { ...process.env, OPENCLAW_STATE_DIR: dir.path, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN, RECORD_LOADS_TO: file };
      await run(process.execPath, ['--import', HOOK, BIN, ...args], { env });
      return readFileSync(file, 'utf8').split('\n').filter(Boolean);
    },
  };
}
