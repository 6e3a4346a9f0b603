import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/paths.js';
import { TEST_TOKEN, startTestGateway } from '../support/in-process-gateway.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const HOOK = new URL('../fixtures/loader/record-loads.mjs', import.meta.url).pathname;
const LOGGING = /\/(pino|pino-pretty|sonic-boom|thread-stream|@pinojs)\/|\/core\/(dist|src)\/logger|host-logger/;

let gw: Awaited<ReturnType<typeof startTestGateway>>;
const dir = tempDir('oc-lazy-');
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw.stop();
  dir.cleanup();
});

/** Runs the CLI with every module it loads recorded; returns the recorded list. */
async function loadsOf(name: string, args: string[]): Promise<string[]> {
  const file = join(dir.path, `${name}.txt`);
  const env = { ...process.env, OPENCLAW_STATE_DIR: dir.path, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN, RECORD_LOADS_TO: file };
  await run(process.execPath, ['--import', HOOK, BIN, ...args], { env });
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

describe('short commands load no logging code', () => {
  it('--version and nodes status load neither pino nor the host logger', async () => {
    for (const [name, args] of [['version', ['--version']], ['status', ['nodes', 'status', '--json', '--url', gw.url]]] as const) {
      const loads = await loadsOf(name, [...args]);
      // The recorder works: the CLI's own entry is in the list.
      expect(loads.some((url) => url.includes('/hosts/cli/'))).toBe(true);
      expect(loads.filter((url) => LOGGING.test(url))).toEqual([]);
    }
  });
});
