import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { BIN } from '../support/paths.js';
import { poll, startProcess } from '../support/processes.js';
import { tempDir } from '../support/temp-dir.js';

const echoPackage = fileURLToPath(new URL('../fixtures/packages/openclaw-plugin-echo', import.meta.url));

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let node: ReturnType<typeof startProcess>;
const nodeDir = tempDir('oc-plugin-faults-');
type InvokeResultParams = Parameters<Awaited<ReturnType<typeof startTestGateway>>['gateway']['ctx']['invoker']['result']>[1];
const results: InvokeResultParams[] = [];

/** Sends the node an invoke request as is, so that the gateway's command policy stays out of it. */
function sendInvoke(id: string, command: string, params: unknown) {
  const [session] = gw.gateway.ctx.registry.list();
  gw.gateway.ctx.registry.get(session!.nodeId)!.conn.send(
    JSON.stringify({ type: 'event', event: 'node.invoke.request', payload: { id, nodeId: session!.nodeId, command, paramsJSON: JSON.stringify(params), timeoutMs: 10_000 } }),
  );
}

const resultOf = (id: string) => poll(async () => results.find((r) => r.id === id), 10_000, `the node answering ${id}`);

beforeAll(async () => {
  writeFileSync(join(nodeDir.path, 'openclaw.json'), JSON.stringify({ plugins: { load: [echoPackage] } }));
  gw = await startTestGateway();
  const invoker = gw.gateway.ctx.invoker;
  const result = invoker.result.bind(invoker);
  invoker.result = (session, params) => {
    results.push(params);
    return result(session, params);
  };
  node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(gw.gateway.port), '--display-name', 'Plugin Faults'], { ...process.env, OPENCLAW_STATE_DIR: nodeDir.path, OPENCLAW_GATEWAY_TOKEN: TEST_TOKEN }, /connected to/);
  await node.started;
}, 60_000);

afterAll(async () => {
  await node?.stop();
  await gw?.stop();
  nodeDir.cleanup();
});

describe('a node host whose third-party plugin throws carelessly', () => {
  it.each([
    ['an error code no list declares', 'undeclared-code', { code: 'UNAVAILABLE', message: 'the echo broke' }],
    // NODE_INVOKE_FAILED on the wire: what the handler threw stays on the node.
    ['a string', 'string', { code: 'UNAVAILABLE', message: 'node invocation failed' }],
    ['an object without a prototype', 'null-object', { code: 'UNAVAILABLE', message: 'node invocation failed' }],
    ['undefined', 'undefined', { code: 'UNAVAILABLE', message: 'node invocation failed' }],
  ])('answers %s with a coded error and keeps serving', async (_what, how, error) => {
    sendInvoke(`fail-${how}`, 'echo.fail', { how });
    expect(await resultOf(`fail-${how}`)).toMatchObject({ ok: false, error });
    sendInvoke(`say-${how}`, 'echo.say', { text: how });
    expect(await resultOf(`say-${how}`)).toMatchObject({ ok: true, payloadJSON: JSON.stringify({ text: how }) });
    expect(node.child.exitCode).toBeNull();
  });
});
