import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { TEST_TOKEN } from '../support/in-process-gateway.js';
import { RawClient, nodeConnect } from '../support/raw-client.js';
import { approveOverHttp, httpBase, type TestGateway } from './http-kit.js';

/** Uploads media for the invoke being answered, as a node does past its inline limit; answers the gateway url. */
export type ScriptedUpload = (bytes: Buffer, contentType: string) => Promise<string>;

/**
 * A node speaking the wire protocol, named `displayName`, that answers each command with what
 * `answer` returns (awaited, so an answer may be read from disk, or uploaded out of band).
 */
export async function scriptedNode(gw: TestGateway, commands: string[], answer: (command: string, params: any, upload: ScriptedUpload) => unknown, caps = ['canvas', 'screen'], displayName = 'Scripted') {
  const node = await RawClient.open(gw.url);
  node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, identity: generateDeviceIdentity(), displayName, commands, caps }));
  const deviceToken: string = (await node.next((f) => f.type === 'res')).payload.auth.deviceToken;
  node.ws.on('message', async (data) => {
    const f = JSON.parse(String(data));
    if (f.event !== 'node.invoke.request') return;
    const upload: ScriptedUpload = async (bytes, contentType) => {
      const slot = await node.request('node.media.upload', { invokeId: f.payload.id, contentType, bytes: bytes.length });
      if (!slot.ok) throw new Error(`no upload slot: ${JSON.stringify(slot.error)}`);
      const put = await fetch(`${httpBase(gw)}${slot.payload.uploadPath}`, { method: 'PUT', body: bytes, headers: { authorization: `Bearer ${deviceToken}` } });
      return ((await put.json()) as { url: string }).url;
    };
    const payload = await answer(f.payload.command, JSON.parse(f.payload.paramsJSON ?? 'null'), upload);
    node.send({ type: 'req', id: `r:${f.payload.id}`, method: 'node.invoke.result', params: { id: f.payload.id, nodeId: f.payload.nodeId, ok: true, payloadJSON: JSON.stringify(payload) } });
  });
  await approveOverHttp(gw, displayName);
  return node;
}
