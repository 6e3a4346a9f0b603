import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { startInvokeRecorder } from '../support/invoke-recorder.js';
import { BIN } from '../support/paths.js';
import { startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';
import { shareLocalProof } from '../support/local-proof.js';

const echoPackage = fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-echo', import.meta.url));

let recorder: Awaited<ReturnType<typeof startInvokeRecorder>>;
let node: ReturnType<typeof startProcess>;
const nodeDir = tempDir('oc-plugin-faults-');

const sendInvoke = (id: string, command: string, params: unknown) => recorder.sendInvoke(id, command, JSON.stringify(params));
const resultOf = (id: string) => recorder.resultOf(id);

beforeAll(async () => {
  writeFileSync(join(nodeDir.path, 'openclaw.json'), JSON.stringify({ plugins: { load: [echoPackage] } }));
  recorder = await startInvokeRecorder();
  shareLocalProof(recorder.gw.stateDir, nodeDir.path);
  node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(recorder.gw.gateway.port), '--display-name', 'Plugin Faults'], { ...process.env, OPENCLAW_STATE_DIR: nodeDir.path, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN }, /connected to/);
  await node.started;
}, 60_000);

afterAll(async () => {
  await node?.stop();
  await recorder?.gw.stop();
  nodeDir.cleanup();
});

describe('a node host whose third-party plugin throws carelessly', () => {
  it('passes a code the plugin declares on to the caller as is', async () => {
    sendInvoke('refuse', 'echo.refuse', { text: 'no' });
    expect(await resultOf('refuse')).toMatchObject({ ok: false, error: { code: 'ECHO_REFUSED', message: 'ECHO_REFUSED: the echo will not repeat "no"' } });
  });

  it.each([
    // The code the plugin did not declare is named, so its author can find it.
    ['an error code the plugin does not declare', 'undeclared-code', { code: 'NODE_INVOKE_FAILED', message: 'NODE_INVOKE_FAILED: plugin "echo" threw error code ECHO_BROKEN, which it does not declare: the echo broke' }],
    // NODE_INVOKE_FAILED on the wire: what the handler threw stays on the node.
    ['a plain Error', 'plain-error', { code: 'NODE_INVOKE_FAILED', message: 'node invocation failed' }],
    ['a string', 'string', { code: 'NODE_INVOKE_FAILED', message: 'node invocation failed' }],
    ['an object without a prototype', 'null-object', { code: 'NODE_INVOKE_FAILED', message: 'node invocation failed' }],
    ['undefined', 'undefined', { code: 'NODE_INVOKE_FAILED', message: 'node invocation failed' }],
  ])('answers %s with a coded error and keeps serving', async (_what, how, error) => {
    sendInvoke(`fail-${how}`, 'echo.fail', { how });
    expect(await resultOf(`fail-${how}`)).toMatchObject({ ok: false, error });
    sendInvoke(`say-${how}`, 'echo.say', { text: how });
    expect(await resultOf(`say-${how}`)).toMatchObject({ ok: true, payloadJSON: JSON.stringify({ text: how }) });
    expect(node.child.exitCode).toBeNull();
  });
});
