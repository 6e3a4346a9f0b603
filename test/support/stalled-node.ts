import { expect } from 'vitest';
import { generateDeviceIdentity } from '@openclaw-nodes/core/identity';
import { RawClient, nodeConnect, operatorConnect } from './raw-client.js';
import { TEST_TOKEN } from './in-process-gateway.js';

/** An operator with every scope, connected with the shared token. */
export async function adminOperator(url: string, token = TEST_TOKEN): Promise<RawClient> {
  const op = await RawClient.open(url);
  await op.challenge();
  op.send(operatorConnect(token, ['operator.read', 'operator.write', 'operator.pairing', 'operator.admin']));
  expect((await op.next((f) => f.type === 'res')).ok).toBe(true);
  return op;
}

/**
 * A paired node with `system.which` approved by `op`, which then stops reading its socket
 * (`ws.pause()`): what the gateway sends it piles up in buffers. `node.ws.resume()` undoes it.
 */
export async function stalledNode(url: string, op: RawClient, token = TEST_TOKEN): Promise<{ node: RawClient; nodeId: string }> {
  const identity = generateDeviceIdentity();
  const node = await RawClient.open(url);
  node.send(nodeConnect(await node.challenge(), { token, identity }));
  expect((await node.next((f) => f.type === 'res')).ok).toBe(true);
  const list = await op.request('node.pair.list', {});
  for (const p of list.payload.pending) expect((await op.request('node.pair.approve', { requestId: p.requestId })).ok).toBe(true);
  await node.next((f) => f.event === 'node.pair.resolved');
  node.ws.pause();
  return { node, nodeId: identity.deviceId };
}

/** Sends `node.invoke` of `system.which` without waiting for it; resolves with its response frame. */
export function invokeWhich(op: RawClient, nodeId: string, params: unknown, timeoutMs = 120_000): Promise<any> {
  const id = `inv:${Math.random()}`;
  op.send({ type: 'req', id, method: 'node.invoke', params: { nodeId, command: 'system.which', params, timeoutMs, idempotencyKey: id } });
  return op.next((f) => f.type === 'res' && f.id === id, 60_000);
}
