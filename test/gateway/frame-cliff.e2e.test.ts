import { afterEach, describe, expect, it } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { approveOverHttp, startNode, type TestGateway } from '../http/http-kit.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';

const MB = 1024 * 1024;

async function operator(gw: TestGateway) {
  const op = await RawClient.open(gw.url);
  op.send(operatorConnect(TEST_TOKEN, ['operator.write', 'operator.read']));
  await op.next((f) => f.type === 'res');
  return op;
}

const nodeIdOf = async (op: RawClient, name: string) => (await op.request('node.list', {})).payload.nodes.find((n: any) => n.displayName === name && n.connected).nodeId as string;

describe('frames past the limit once escaped again', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw?.stop();
  });

  it('refuses params that would grow past a frame on the way to the node, and the node stays connected', { timeout: 60_000 }, async () => {
    gw = await startTestGateway();
    const node = await startNode(gw, 'Cliff Node');
    await approveOverHttp(gw, 'Cliff Node');
    const op = await operator(gw);
    const nodeId = await nodeIdOf(op, 'Cliff Node');
    const { connectedAtMs } = (await op.request('node.describe', { nodeId })).payload;
    // 16 MB in the operator's frame; every quote is escaped once more inside paramsJSON: 32 MB.
    const answer = await op.request('node.invoke', { nodeId, command: 'system.which', params: { bins: ['"'.repeat(8 * MB)] }, idempotencyKey: 'cliff' });
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatchObject({ details: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(answer.error.message).toMatch(/^"node.invoke.request" event of \d+ bytes exceeds the 26214400 byte limit$/);
    const after = await op.request('node.invoke', { nodeId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: 'after' });
    expect(after.ok).toBe(true);
    expect((await op.request('node.describe', { nodeId })).payload.connectedAtMs).toBe(connectedAtMs);
    op.close();
    await node.stop();
  });

  it("answers PAYLOAD_TOO_LARGE instead of a response frame past the limit built from a node's result", { timeout: 60_000 }, async () => {
    gw = await startTestGateway();
    const identity = generateDeviceIdentity();
    const node = await RawClient.open(gw.url);
    node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity, displayName: 'Quote Node' }));
    await node.next((f) => f.type === 'res');
    await approveOverHttp(gw, 'Quote Node');
    node.ws.on('message', (data) => {
      const f = JSON.parse(String(data));
      if (f.event !== 'node.invoke.request') return;
      // 20 MB in the node's frame; the answer carries it parsed (10 MB) and as payloadJSON again (20 MB).
      const payloadJSON = JSON.stringify({ text: '"'.repeat(5 * MB) });
      node.send({ type: 'req', id: `r:${f.payload.id}`, method: 'node.invoke.result', params: { id: f.payload.id, nodeId: identity.deviceId, ok: true, payloadJSON } });
    });
    const op = await operator(gw);
    const answer = await op.request('node.invoke', { nodeId: identity.deviceId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: 'big-answer' });
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatchObject({ details: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(answer.error.message).toMatch(/^response of \d+ bytes exceeds the 26214400 byte limit$/);
    expect(op.closeCode).toBeUndefined();
    op.close();
    node.close();
  });
});
