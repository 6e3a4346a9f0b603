import type { DeviceIdentity } from '@openclaw-nodes/core/identity';
import { RawClient, nodeConnect, operatorConnect } from './raw-client.js';
import { TEST_TOKEN } from './in-process-gateway.js';
import { poll } from './poll.js';

const ALL_SCOPES = ['operator.read', 'operator.write', 'operator.pairing', 'operator.admin'];

/** An operator on `url` with the shared test token and every scope; throws when refused. */
export async function clusterOperator(url: string): Promise<RawClient> {
  const op = await RawClient.open(url);
  await op.challenge();
  op.send(operatorConnect(TEST_TOKEN, ALL_SCOPES));
  const hello = await op.next((f) => f.type === 'res');
  if (!hello.ok) throw new Error(`operator refused: ${JSON.stringify(hello.error)}`);
  return op;
}

/**
 * A node connecting to `url` as `identity` (shared token unless `deviceToken` is given) that
 * answers `system.which` the way a node host does (or never, with `silent`). `hello` is the
 * connect answer, ok or not.
 */
export async function answeringNode(url: string, identity: DeviceIdentity, auth: { deviceToken?: string; silent?: boolean } = {}): Promise<{ node: RawClient; hello: any }> {
  const node = await RawClient.open(url);
  const challenge = await node.challenge();
  node.send(nodeConnect(challenge, auth.deviceToken ? { deviceToken: auth.deviceToken, identity } : { token: TEST_TOKEN, identity }));
  const hello = await node.next((f) => f.type === 'res');
  node.ws.on('message', (data) => {
    const f = JSON.parse(String(data));
    if (f.event !== 'node.invoke.request' || auth.silent) return;
    const params = JSON.parse(f.payload.paramsJSON);
    const payloadJSON = JSON.stringify({ bins: { [params.bins[0]]: `/usr/bin/${params.bins[0]}` } });
    node.send({ type: 'req', id: `r:${f.payload.id}`, method: 'node.invoke.result', params: { id: f.payload.id, nodeId: f.payload.nodeId, ok: true, payloadJSON } });
  });
  return { node, hello };
}

/**
 * Pairs `identity` as a node through the cluster: it asks on `askUrl`, `op` (on any member)
 * approves the request once it shows there, and the node connects again on `askUrl`.
 * Answers the connected node and its device token.
 */
export async function pairThroughCluster(op: RawClient, askUrl: string, identity: DeviceIdentity): Promise<{ node: RawClient; deviceToken: string }> {
  const first = await answeringNode(askUrl, identity);
  const requestId = first.hello.error?.details?.requestId;
  first.node.close();
  if (!requestId) throw new Error(`expected a pairing request, got ${JSON.stringify(first.hello)}`);
  // The request reaches the approving member by change notice; wait for it.
  await poll(async () => {
    const approved = await op.request('node.pair.approve', { requestId });
    if (!approved.ok) throw new Error(JSON.stringify(approved.error));
    return true;
  }, `approving ${requestId}`);
  const again = await answeringNode(askUrl, identity);
  if (!again.hello.ok) throw new Error(`node refused after approval: ${JSON.stringify(again.hello.error)}`);
  return { node: again.node, deviceToken: again.hello.payload.auth.deviceToken };
}
