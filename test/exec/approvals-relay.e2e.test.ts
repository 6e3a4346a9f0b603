import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';
import { poll } from '../support/poll.js';

/** Frames of the real 2026.9.6 `approvals allowlist add --node`: what each side sent. */
const capture = readFileSync(new URL('../../core/test-fixtures/protocol/captures/cli-approvals-allowlist-add-node.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { dir: string; conn: number; frame?: any })
  .filter((r) => r.frame !== undefined);
const nodeRequests = capture.filter((r) => r.conn === 1 && r.frame.event === 'node.invoke.request').map((r) => r.frame.payload);
const nodeResults = capture.filter((r) => r.conn === 1 && r.frame.method === 'node.invoke.result').map((r) => r.frame.params);
const operatorCalls = capture.filter((r) => r.frame.method?.startsWith('exec.approvals.node.')).map((r) => r.frame);
const operatorAnswers = operatorCalls.map((call) => capture.find((r) => r.frame.type === 'res' && r.frame.id === call.id && r.dir === 's2c')!.frame);

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let op: RawClient;
let node: RawClient;
let nodeId: string;

beforeAll(async () => {
  gw = await startTestGateway();
  op = await RawClient.open(gw.url);
  await op.challenge();
  op.send(operatorConnect(TEST_TOKEN, ['operator.admin']));
  await op.next((f) => f.type === 'res' && f.ok);
  // A node that declares only system.which: the approvals relay must reach it all the same.
  node = await RawClient.open(gw.url);
  const connect = nodeConnect(await node.challenge(), { token: TEST_TOKEN, commands: ['system.which'] });
  nodeId = connect.params.device.id;
  node.send(connect);
  await node.next((f) => f.type === 'res' && f.ok);
});
afterAll(async () => {
  op?.close();
  node?.close();
  await gw?.stop();
});

describe('exec.approvals.node.get|set relayed as the real gateway does (cli-approvals-allowlist-add-node capture)', () => {
  it.each([0, 1])('relays captured call %i (get, then set) and returns the node’s snapshot unwrapped', async (i) => {
    const call = operatorCalls[i];
    const pending = op.request(call.method, { ...call.params, nodeId });
    const request = await node.next((f) => f.event === 'node.invoke.request' && f.payload.command === nodeRequests[i].command);
    expect(request.payload).toEqual({ ...nodeRequests[i], id: expect.any(String), nodeId });
    expect(JSON.parse(request.payload.paramsJSON)).toEqual(JSON.parse(nodeRequests[i].paramsJSON));
    node.send({ type: 'req', id: `r${i}`, method: 'node.invoke.result', params: { ...nodeResults[i], id: request.payload.id, nodeId } });
    const answer = await pending;
    expect(answer).toMatchObject({ ok: true, payload: operatorAnswers[i].payload });
  });

  it('refuses set without a file before the node is asked', async () => {
    const res = await op.request('exec.approvals.node.set', { nodeId, baseHash: 'x' });
    expect(res.error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining("'file'") });
  });

  it('answers NOT_CONNECTED for a known node that left, PAIRING_CHANGED for an unknown one', async () => {
    expect((await op.request('exec.approvals.node.get', { nodeId: 'f'.repeat(64) })).error).toMatchObject({ code: 'UNAVAILABLE', details: { code: 'PAIRING_CHANGED' } });
    node.close();
    await node.closed;
    const left = await poll(async () => {
      const { error } = await op.request('exec.approvals.node.get', { nodeId });
      return error?.details?.code === 'NOT_CONNECTED' ? error : undefined;
    }, 'the gateway seeing the node leave');
    expect(left).toMatchObject({ code: 'UNAVAILABLE', message: 'node not connected', details: { code: 'NOT_CONNECTED' } });
  });
});
