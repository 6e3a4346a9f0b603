import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeApprovalsFile } from '@openclaw-nodes/core/exec';
import { ApprovalsStore } from '@openclaw-nodes/plugin-system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { startInProcessExec } from './in-process-exec.js';
import { processGone } from '../support/process-gone.js';

const work = tempDir('oc-exec-cancel-');
let fx: Awaited<ReturnType<typeof startInProcessExec>>;
let nodeId: string;

beforeAll(async () => {
  fx = await startInProcessExec();
  const node = await fx.addNode('Cancel Node');
  nodeId = node.nodeId;
  await new ApprovalsStore(node.stateDir).update(() => normalizeApprovalsFile({ version: 1, defaults: { security: 'full', ask: 'off' } }));
}, 30_000);
afterAll(async () => {
  await fx?.stop();
  work.cleanup();
});

describe('a gateway cancel reaches the running command', () => {
  it('kills the command and the grandchild it started when the gateway gives up on the invoke', async () => {
    const pids = join(work.path, 'pids');
    const res = await fx.op.request('node.invoke', {
      nodeId,
      command: 'system.run',
      params: { command: ['/bin/sh', '-c', `sleep 60 & echo $! > ${pids}; echo $$ >> ${pids}; wait`] },
      timeoutMs: 700,
      idempotencyKey: 'cancel-1',
    });
    expect(res.error).toMatchObject({ message: 'TIMEOUT: node invoke timed out', details: { code: 'TIMEOUT' } });
    const [grandchild, child] = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    await expect(poll(async () => (processGone(grandchild) && processGone(child) ? true : undefined), 'the process group dying')).resolves.toBe(true);
  });
});
