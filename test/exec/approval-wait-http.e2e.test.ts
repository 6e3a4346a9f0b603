import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, approveOverHttp, httpBase, startNode, type TestGateway } from '../http/http-kit.js';
import { poll } from '../support/poll.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { RawClient, operatorConnect } from '../support/raw-client.js';

const IDLE_MS = 1_000;
let gw: TestGateway;
let approver: RawClient;
const stops: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  gw = await startTestGateway({ autoApproveLocal: false, http: { idleTimeoutMs: IDLE_MS }, exec: { config: () => ({ tools: { exec: { host: 'node', security: 'allowlist', ask: 'on-miss' } } }) } });
  const node = await startNode(gw, 'Waiting Node');
  stops.push(node.stop);
  await approveOverHttp(gw, 'Waiting Node');
  await poll(async () => (await api(gw, '/v1/nodes')).json.nodes.find((n: any) => n.connected && n.commands.includes('system.run')), 'the node serving system.run');
  approver = await RawClient.open(gw.url);
  await approver.challenge();
  approver.send(operatorConnect(TEST_TOKEN, ['operator.approvals']));
  await approver.next((f) => f.type === 'res' && f.ok);
}, 60_000);
afterAll(async () => {
  approver?.close();
  while (stops.length) await stops.pop()!();
  await gw?.stop();
});

describe('POST /tools/invoke waiting for an operator', () => {
  it('keeps the connection open past the socket idle timeout until the answer, then returns the result', async () => {
    const ran = fetch(`${httpBase(gw)}/tools/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tool: 'exec', args: { command: 'echo waited', timeout: 30 } }),
    });
    const event = await approver.next((f) => f.event === 'exec.approval.requested', 20_000);
    // An operator who takes longer to answer than a socket may idle.
    await sleep(IDLE_MS * 3);
    await approver.request('exec.approval.resolve', { id: event.payload.id, decision: 'allow-once' });
    const res = await ran;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, result: { status: 'completed', stdout: 'waited\n' } });
  });
});
