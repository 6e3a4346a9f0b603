import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { RawClient, nodeConnect } from '../support/raw-client.js';
import { approveOverHttp, type TestGateway } from './http-kit.js';

/**
 * A node speaking the wire protocol, named `Scripted`, that answers each command with what
 * `answer` returns (awaited, so an answer may be read from disk).
 */
export async function scriptedNode(gw: TestGateway, commands: string[], answer: (command: string, params: any) => unknown, caps = ['canvas', 'screen']) {
  const node = await RawClient.open(gw.url);
  node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity: generateDeviceIdentity(), displayName: 'Scripted', commands, caps }));
  await node.next((f) => f.type === 'res');
  node.ws.on('message', async (data) => {
    const f = JSON.parse(String(data));
    if (f.event !== 'node.invoke.request') return;
    const payload = await answer(f.payload.command, JSON.parse(f.payload.paramsJSON ?? 'null'));
    node.send({ type: 'req', id: `r:${f.payload.id}`, method: 'node.invoke.result', params: { id: f.payload.id, nodeId: f.payload.nodeId, ok: true, payloadJSON: JSON.stringify(payload) } });
  });
  await approveOverHttp(gw, 'Scripted');
  return node;
}
