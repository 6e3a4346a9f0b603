import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { runCli } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';
import { tempDir } from '../support/temp-dir.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let node: RawClient;
let nodeId: string;
const cliDir = tempDir('oc-run-timeout-cli-');

beforeAll(async () => {
  gw = await startTestGateway();
  // A node that never answers: what the gateway asks of it shows the invoke timeout used.
  node = await RawClient.open(gw.url);
  const connect = nodeConnect(await node.challenge(), { token: TEST_TOKEN, commands: ['system.run'], displayName: 'Silent Node' });
  nodeId = connect.params.device.id;
  node.send(connect);
  await node.next((f) => f.type === 'res' && f.ok);
  const op = await RawClient.open(gw.url);
  await op.challenge();
  op.send(operatorConnect(TEST_TOKEN, ['operator.read', 'operator.pairing', 'operator.admin']));
  await op.next((f) => f.type === 'res' && f.ok);
  await poll(async () => {
    for (const p of (await op.request('node.pair.list', {})).payload.pending) await op.request('node.pair.approve', { requestId: p.requestId });
    const nodes = (await op.request('node.list', {})).payload.nodes as Array<{ nodeId: string; commands: string[] }>;
    return nodes.find((n) => n.nodeId === nodeId && n.commands.includes('system.run'));
  }, 'the silent node serving system.run');
  op.close();
});
afterAll(async () => {
  node?.close();
  await gw?.stop();
  cliDir.cleanup();
});

/** Runs `nodes run` against the silent node; resolves with how it ended and the request the node saw. */
async function nodesRun(...flags: string[]) {
  const env = { ...process.env, OPENCLAW_STATE_DIR: cliDir.path, NO_COLOR: '1' };
  const mark = randomUUID();
  const running = runCli(['nodes', 'run', '--url', gw.url, '--token', TEST_TOKEN, '--node', nodeId, '--env', `MARK=${mark}`, ...flags, '--', 'sleep', '8'], env, 60_000);
  // It answers only the prepare, with a policy that needs nobody: the run itself goes unanswered.
  const prepare = await node.next((f) => f.event === 'node.invoke.request' && f.payload.command === 'system.run.prepare' && f.payload.paramsJSON?.includes(mark), 10_000);
  const plan = { planHash: 'a'.repeat(64), execPolicy: { security: 'full', ask: 'off' }, allowlistSatisfied: true };
  node.send({ type: 'req', id: `prep-${mark}`, method: 'node.invoke.result', params: { id: prepare.payload.id, nodeId, ok: true, payloadJSON: JSON.stringify(plan) } });
  const ended = await running;
  const seen = await node.next((f) => f.event === 'node.invoke.request' && f.payload.command === 'system.run' && f.payload.paramsJSON?.includes(mark), 1_000);
  return { request: seen.payload as { timeoutMs: number; paramsJSON: string }, ...ended };
}

describe('openclaw nodes run --invoke-timeout', () => {
  it('is used as given when no command timeout is set, even below 5 s', async () => {
    const run = await nodesRun('--invoke-timeout', '3000');
    expect(run.request.timeoutMs).toBe(3000);
    expect(JSON.parse(run.request.paramsJSON).timeoutMs).toBeUndefined();
    expect(run).toMatchObject({ code: 1, stderr: 'nodes run failed: TIMEOUT: node invoke timed out\n' });
  });

  it('is raised to the command timeout + 5 s when a command timeout is set', async () => {
    const run = await nodesRun('--invoke-timeout', '3000', '--command-timeout', '1000');
    expect(run.request.timeoutMs).toBe(6000);
    expect(JSON.parse(run.request.paramsJSON).timeoutMs).toBe(1000);
  });
});
