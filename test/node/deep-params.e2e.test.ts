import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { startInvokeRecorder } from '../support/invoke-recorder.js';
import { BIN } from '../support/paths.js';
import { startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';
import { shareLocalProof } from '../support/local-proof.js';

/** A gateway gone hostile: 6,000 levels in 12 KB. */
const DEEP = `${'['.repeat(6_000)}${']'.repeat(6_000)}`;
// pid_max is at most 2^22 on Linux, so this pid cannot be running.
const DEAD_PID = 99_999_999;

let recorder: Awaited<ReturnType<typeof startInvokeRecorder>>;
let gw: Awaited<ReturnType<typeof startInvokeRecorder>>['gw'];
let node: ReturnType<typeof startProcess>;
const nodeDir = tempDir('oc-deep-node-');
const planted = ['.node.json.99999999.0a1b2c3d4e5f.tmp', join('identity', `.device.json.${DEAD_PID}.0a1b2c3d4e5f.tmp`)];

const sendInvoke = (id: string, paramsJSON: string) => recorder.sendInvoke(id, 'system.which', paramsJSON);
const resultOf = (id: string) => recorder.resultOf(id);

beforeAll(async () => {
  mkdirSync(join(nodeDir.path, 'identity'), { recursive: true, mode: 0o700 });
  for (const name of planted) writeFileSync(join(nodeDir.path, name), '{"half":');
  recorder = await startInvokeRecorder();
  gw = recorder.gw;
  shareLocalProof(gw.stateDir, nodeDir.path);
  node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(gw.gateway.port), '--display-name', 'Deep Params'], { ...process.env, OPENCLAW_STATE_DIR: nodeDir.path, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN }, /connected to/);
  await node.started;
}, 60_000);

afterAll(async () => {
  await node?.stop();
  await gw?.stop();
  nodeDir.cleanup();
});

describe('a node host fed deeply nested JSON by its gateway', () => {
  it('cleared temp files of killed writes from its state directories at start', () => {
    expect(readdirSync(nodeDir.path)).not.toContain(planted[0]);
    expect(readdirSync(join(nodeDir.path, 'identity'))).toEqual(['device.json']);
  });

  it('answers paramsJSON nested 6,000 levels deep with PAYLOAD_TOO_DEEP', async () => {
    sendInvoke('deep-params', `{"bins":${DEEP}}`);
    const answer = await resultOf('deep-params');
    expect(answer.ok).toBe(false);
    expect(answer.error).toEqual({ code: 'PAYLOAD_TOO_DEEP', message: 'PAYLOAD_TOO_DEEP: paramsJSON is nested more than 64 levels deep; flatten it' });
  });

  it('ignores a frame nested 6,000 levels deep and keeps serving', async () => {
    const session = gw.gateway.ctx.registry.list()[0]!;
    gw.gateway.ctx.registry.get(session.nodeId)!.conn.send(`{"type":"event","event":"node.invoke.request","payload":${DEEP}}`);
    sendInvoke('after', '{"bins":["sh"]}');
    const answer = await resultOf('after');
    expect(answer.ok).toBe(true);
    expect(JSON.parse(answer.payloadJSON!).bins.sh).toMatch(/\/sh$/);
    expect(node.child.exitCode).toBeNull();
  });
});
