import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { runCli } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { RawClient, nodeConnect } from '../support/raw-client.js';
import { adminOperator } from '../support/stalled-node.js';
import { tempDir } from '../support/temp-dir.js';

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let node: RawClient;
let op: RawClient;
let nodeId: string;
const cliDir = tempDir('oc-hostile-plan-cli-');
const HASH = 'a'.repeat(64);

beforeAll(async () => {
  // The agent's exec tool goes to this node and always asks an operator.
  gw = await startTestGateway({ exec: { config: () => ({ tools: { exec: { host: 'node', security: 'allowlist', ask: 'always', node: nodeId } } }) } });
  // A node that answers system.run.prepare with whatever the test says.
  node = await RawClient.open(gw.url);
  const connect = nodeConnect(await node.challenge(), { token: TEST_TOKEN, commands: ['system.run', 'system.run.prepare'], displayName: 'Hostile Node' });
  nodeId = connect.params.device.id;
  node.send(connect);
  await node.next((f) => f.type === 'res' && f.ok);
  op = await adminOperator(gw.url);
  await poll(async () => {
    for (const p of (await op.request('node.pair.list', {})).payload.pending) await op.request('node.pair.approve', { requestId: p.requestId });
    const nodes = (await op.request('node.list', {})).payload.nodes as Array<{ nodeId: string; commands: string[] }>;
    return nodes.find((n) => n.nodeId === nodeId && n.commands.includes('system.run'));
  }, 'the hostile node serving system.run');
});
afterAll(async () => {
  node?.close();
  op?.close();
  await gw?.stop();
  cliDir.cleanup();
});

let seq = 0;
/**
 * Calls the exec tool with a unique command and answers the node's prepare with `plan`;
 * resolves once the call failed or its approval request is out.
 */
async function askWithPlan(plan: unknown) {
  const mark = `mark-${++seq}`;
  const call = op.request('tools.invoke', { tool: 'exec', args: { command: `echo ${mark}` } });
  const prepare = await node.next((f) => f.event === 'node.invoke.request' && f.payload.command === 'system.run.prepare' && f.payload.paramsJSON.includes(mark));
  node.send({ type: 'req', id: `p${seq}`, method: 'node.invoke.result', params: { id: prepare.payload.id, nodeId, ok: true, payloadJSON: JSON.stringify(plan) } });
  const requested = op.next((f) => f.event === 'exec.approval.requested' && f.payload.request.command.includes(mark));
  const answer = await Promise.race([call, requested.then(() => undefined)]);
  return { mark, answer, call, requested };
}

describe('what a node puts into an operator prompt is checked and bounded', () => {
  it.each([
    ['a planHash that is not hex', { planHash: 'Z'.repeat(64) }],
    ['a planHash that is not a string', { planHash: 12345 }],
    ['a megabyte planHash', { planHash: 'a'.repeat(1_000_000) }],
    ['a cwd with a NUL', { planHash: HASH, plan: { cwd: '/tmp/\u0000x' } }],
    ['a cwd longer than 4096 characters', { planHash: HASH, plan: { cwd: `/${'d'.repeat(5_000)}` } }],
    ['a cwd that is not a string', { planHash: HASH, plan: { cwd: { $: 'x' } } }],
    ['a program that is not a string', { planHash: HASH, allowAlwaysCoverage: { complete: true, patterns: [{ pattern: ['x'] }] } }],
    ['thousands of programs', { planHash: HASH, allowAlwaysCoverage: { complete: true, patterns: Array.from({ length: 5_000 }, (_, i) => ({ pattern: `/bin/p${i}` })) } }],
    ['an ask the node does not know', { planHash: HASH, execPolicy: { security: 'full', ask: 'sometimes' } }],
  ])('refuses %s with EXEC_PLAN_INVALID and shows operators nothing', async (_what, plan) => {
    const { mark, answer } = await askWithPlan(plan);
    expect(answer?.ok).toBe(false);
    expect(answer.error).toMatchObject({ details: { code: 'EXEC_PLAN_INVALID' }, message: expect.stringContaining('invalid plan') });
    expect(answer.error.message.length).toBeLessThan(1_000);
    expect(op.frames.some((f) => f.event === 'exec.approval.requested' && f.payload.request.command.includes(mark))).toBe(false);
    expect((await op.request('exec.approval.list', {})).payload.pending).toEqual([]);
  });

  it('gives askFallback at once for a plan without a hash (an older host): nothing could bind an approval', async () => {
    const { mark, answer } = await askWithPlan({ plan: { cwd: '/tmp' }, execPolicy: { security: 'full', ask: 'off' } });
    expect(answer?.error).toMatchObject({ details: { code: 'EXEC_DENIED', reason: 'approval-required' }, message: expect.stringContaining('the node could not prepare the command for approval (askFallback=deny)') });
    expect(op.frames.some((f) => f.event === 'exec.approval.requested' && f.payload.request.command.includes(mark))).toBe(false);
  });

  it('passes a valid plan on, and the CLI prints control characters in it as ?', async () => {
    const { mark, call, requested } = await askWithPlan({
      planHash: HASH,
      plan: { cwd: '/tmp/\u001b[2J\rcwd' },
      allowAlwaysCoverage: { complete: true, patterns: [{ pattern: '/bin/\u001b]0;owned\u0007echo\u202e' }] },
    });
    const event = (await requested).payload;
    expect(event.request).toMatchObject({ cwd: '/tmp/\u001b[2J\rcwd', host: 'node', nodeId, planHash: HASH });
    const env = { ...process.env, OPENCLAW_STATE_DIR: cliDir.path, NO_COLOR: '1' };
    const listed = await runCli(['approvals', 'pending', '--url', gw.url, '--token', TEST_TOKEN], env);
    expect(listed.stdout).toContain(mark);
    expect(listed.stdout).toContain('/tmp/?[2J?cwd');
    expect(listed.stdout).toContain('/bin/?]0;owned?echo?');
    expect(listed.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    await op.request('exec.approval.resolve', { id: event.id, decision: 'deny' });
    expect((await call).error).toMatchObject({ details: { code: 'EXEC_DENIED', reason: 'user-denied' } });
  });

  it('nodes run prints what a node says of a refusal with its control characters as ?', async () => {
    const env = { ...process.env, OPENCLAW_STATE_DIR: cliDir.path, NO_COLOR: '1' };
    const mark = `mark-${++seq}`;
    const running = runCli(['nodes', 'run', '--url', gw.url, '--token', TEST_TOKEN, '--node', nodeId, '--', '/bin/echo', mark], env, 30_000);
    const prepare = await node.next((f) => f.event === 'node.invoke.request' && f.payload.command === 'system.run.prepare' && f.payload.paramsJSON.includes(mark));
    const plan = { planHash: HASH, execPolicy: { security: 'full', ask: 'off' }, allowlistSatisfied: true };
    node.send({ type: 'req', id: `p${seq}`, method: 'node.invoke.result', params: { id: prepare.payload.id, nodeId, ok: true, payloadJSON: JSON.stringify(plan) } });
    const run = await node.next((f) => f.event === 'node.invoke.request' && f.payload.command === 'system.run' && f.payload.paramsJSON.includes(mark));
    const error = { code: 'SYSTEM_RUN_DENIED', message: 'SYSTEM_RUN_DENIED: \u001b[2J\u001b]0;owned\u0007gone\u009b31m' };
    node.send({ type: 'req', id: `r${seq}`, method: 'node.invoke.result', params: { id: run.payload.id, nodeId, ok: false, error } });
    const ended = await running;
    expect(ended.code).toBe(1);
    expect(ended.stderr).toContain('?[2J?]0;owned?gone?31m');
    expect(ended.stderr).not.toMatch(/[\u001b\u0007\u009b]/);
  });
});
