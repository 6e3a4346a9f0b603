import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway } from '../support/in-process-gateway.js';
import type { RawClient } from '../support/raw-client.js';
import { adminOperator, invokeWhich, stalledNode } from '../support/stalled-node.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let operator: RawClient;
let node: RawClient;
let nodeId: string;
const seen = new Set<string>();

beforeAll(async () => {
  gw = await startTestGateway();
  operator = await adminOperator(gw.url);
  ({ node, nodeId } = await stalledNode(gw.url, operator));
  node.ws.resume();
});

afterAll(async () => {
  node?.close();
  operator?.close();
  await gw?.stop();
});

/** Calls `system.which` on the raw node, which answers as a node host does: the operator's answer, the node's request and its result's request id. */
async function call() {
  const answer = invokeWhich(operator, nodeId, { bins: ['sh'] });
  const request = await node.next((f) => f.event === 'node.invoke.request' && !seen.has(f.payload.id));
  seen.add(request.payload.id);
  const resultId = `result-${request.payload.id}`;
  node.send({ type: 'req', id: resultId, method: 'node.invoke.result', params: { id: request.payload.id, nodeId, ok: true, payloadJSON: '{"bins":{"sh":"/bin/sh"}}' } });
  return { answer: await answer, resultId, request };
}

describe("a node's invoke results are acknowledged", () => {
  it('before the next request the gateway sends that node, and on their own when none follows', async () => {
    const first = await call();
    expect(first.answer.payload).toMatchObject({ ok: true, payload: { bins: { sh: '/bin/sh' } } });
    const second = await call();
    const ack = node.frames.findIndex((f) => f.type === 'res' && f.id === first.resultId);
    expect(node.frames[ack]).toMatchObject({ ok: true, payload: { ok: true } });
    expect(ack).toBeLessThan(node.frames.indexOf(second.request));
    // Nothing else goes to the node now: its acknowledgement comes all the same.
    expect(await node.next((f) => f.type === 'res' && f.id === second.resultId)).toMatchObject({ ok: true, payload: { ok: true } });
  });
});
