import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExecFixture } from '../exec/exec-fixture.js';
import type { RawClient } from '../support/raw-client.js';
import { tempDir } from '../support/temp-dir.js';

// Two directories only the node host's PATH holds, ahead of the usual ones.
const tools = tempDir('oc-which-path-');
const FIRST = join(tools.path, 'first-bin');
const SECOND = join(tools.path, 'second-bin');
mkdirSync(FIRST);
mkdirSync(SECOND);

let fx: Awaited<ReturnType<typeof startExecFixture>>;
let op: RawClient;

beforeAll(async () => {
  fx = await startExecFixture('Which Node', { nodeEnv: { PATH: `${FIRST}:${SECOND}:${process.env.PATH}` } });
  op = await fx.operator(['operator.write']);
}, 60_000);
afterAll(async () => {
  op?.close();
  await fx?.stop();
  tools.cleanup();
});

let key = 0;
/** What the node's `system.which` answers for `bins`, through the gateway. */
async function which(...bins: string[]): Promise<Record<string, string>> {
  const res = await op.request('node.invoke', { nodeId: fx.nodeId, command: 'system.which', params: { bins }, idempotencyKey: `which-${key++}` });
  expect(res.ok).toBe(true);
  return res.payload.payload.bins;
}

function install(dir: string, name: string): void {
  writeFileSync(join(dir, name), '#!/bin/sh\necho installed\n');
  chmodSync(join(dir, name), 0o755);
}

describe('system.which on a real node host while binaries come and go', () => {
  it('finds a binary the moment it is installed into a PATH directory, and loses it the moment it is removed', async () => {
    // Asked over and over first, as a caller polling for a tool would.
    for (let i = 0; i < 20; i++) expect(await which('fresh-tool', 'sh')).not.toHaveProperty('fresh-tool');
    install(SECOND, 'fresh-tool');
    expect((await which('fresh-tool'))['fresh-tool']).toBe(join(SECOND, 'fresh-tool'));
    // An earlier PATH directory wins as soon as it holds the name too.
    install(FIRST, 'fresh-tool');
    expect((await which('fresh-tool'))['fresh-tool']).toBe(join(FIRST, 'fresh-tool'));
    rmSync(join(FIRST, 'fresh-tool'));
    expect((await which('fresh-tool'))['fresh-tool']).toBe(join(SECOND, 'fresh-tool'));
    chmodSync(join(SECOND, 'fresh-tool'), 0o644);
    expect(await which('fresh-tool')).toEqual({});
  });
});
