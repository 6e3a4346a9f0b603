import { afterEach, describe, expect, it } from 'vitest';
import { api, type TestGateway } from '../http/http-kit.js';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { RawClient, operatorConnect } from '../support/raw-client.js';
import { bulkGateway, handNode } from './media-oob-kit.js';

const MB = 1024 * 1024;

// The gateway answers node.invoke with the result twice (payload and payloadJSON): a result
// of half a frame or more cannot reach a WebSocket operator, while HTTP has no frame.
describe('node.invoke answers too large for a WebSocket frame', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw?.stop();
  });

  /** Has `node` answer the next invoke request it gets with `payloadJSON`. */
  async function answerNext(node: Awaited<ReturnType<typeof handNode>>, payloadJSON: string) {
    const seen = node.ws.frames.length;
    const request = await node.ws.next((f) => f.event === 'node.invoke.request' && node.ws.frames.indexOf(f) >= seen, 15_000);
    node.ws.send({ type: 'req', id: `res-${request.payload.id}`, method: 'node.invoke.result', params: { id: request.payload.id, nodeId: node.nodeId, ok: true, payloadJSON } });
  }

  it('refuses a 13 MB inline result to a WebSocket operator with the size and what to do, and serves it over HTTP', { timeout: 60_000 }, async () => {
    gw = await bulkGateway();
    const node = await handNode(gw, 'Big Node');
    const result = JSON.stringify({ format: 'jpg', base64: 'A'.repeat(13 * MB) });
    const op = await RawClient.open(gw.url);
    await op.challenge();
    op.send(operatorConnect(TEST_TOKEN, ['operator.write', 'operator.read']));
    await op.next((f) => f.type === 'res');
    try {
      const answering = answerNext(node, result);
      const ws = op.request('node.invoke', { nodeId: node.nodeId, command: 'bulk.make', params: { bytes: 16 }, idempotencyKey: 'big-1', timeoutMs: 30_000 });
      await answering;
      const refused = await ws;
      expect(refused.ok).toBe(false);
      expect(refused.error.message).toContain(`PAYLOAD_TOO_LARGE: the bulk.make result is ${result.length} bytes; the answer carries it twice (payload and payloadJSON)`);
      expect(refused.error.message).toContain('call it over HTTP (POST /v1/nodes/<node>/invoke)');
      expect(refused.error.details).toMatchObject({ bytes: result.length });
      // The operator's socket is still up: it gets the next answer.
      expect((await op.request('node.list', {})).ok).toBe(true);

      const answeringHttp = answerNext(node, result);
      const http = api(gw, `/v1/nodes/${node.nodeId}/invoke`, { body: { command: 'bulk.make', params: { bytes: 16 }, timeoutMs: 30_000 } });
      await answeringHttp;
      const served = await http;
      expect(served.status).toBe(200);
      expect(served.json.payload.base64).toHaveLength(13 * MB);
    } finally {
      op.close();
      node.ws.close();
    }
  });
});
