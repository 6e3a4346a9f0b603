import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RawClient } from '../support/raw-client.js';
import { startExecFixture } from './exec-fixture.js';

const NODE = 'Policy Node';
const which = (name: string) => realpathSync(execFileSync('/bin/sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim());
const ID = which('id');
const HOSTNAME = which('hostname');
let fx: Awaited<ReturnType<typeof startExecFixture>>;
let approver: RawClient;

const exec = (command: string, extra: Record<string, unknown> = {}) => fx.http({ tool: 'exec', args: { command, timeout: 30, ...extra } });
/** The `exec.approval.requested` event for a command (the approver sees every one). */
const requested = (command: string) => approver.next((f) => f.event === 'exec.approval.requested' && f.payload.request.command === command, 20_000).then((f) => f.payload);
const resolve = (id: string, decision: string) => approver.request('exec.approval.resolve', { id, decision });
const connectOperator = (scopes: string[]) => fx.operator(scopes);
const nodePolicy = (defaults: Record<string, unknown>, allowlist: string[] = []) =>
  fx.setApprovals(['--node', NODE], { version: 1, defaults, agents: allowlist.length ? { '*': { allowlist: allowlist.map((pattern) => ({ pattern })) } } : {} });

beforeAll(async () => {
  fx = await startExecFixture(NODE);
  await fx.config('set', 'tools.exec.host', 'node');
  await fx.config('set', 'tools.exec.security', 'allowlist');
  // The gateway itself never asks here: every prompt below comes from the node's own policy.
  await fx.config('set', 'tools.exec.ask', 'off');
  approver = await connectOperator(['operator.approvals']);
}, 60_000);
afterAll(async () => {
  approver?.close();
  await fx?.stop();
});

describe("a node's own ask counts, tightening only (gateway tools.exec.ask=off)", () => {
  it('ask=on-miss in the node file: a command off its allowlist waits for an operator, and allow-once runs it', async () => {
    await nodePolicy({ security: 'allowlist', ask: 'on-miss' });
    const ran = exec('echo node-asks');
    const event = await requested('echo node-asks');
    expect(event.request).toMatchObject({ host: 'node', nodeId: fx.nodeId, security: 'allowlist', ask: 'on-miss' });
    await resolve(event.id, 'allow-once');
    expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed', stdout: 'node-asks\n' } } });
  });

  it('ask=always in the node file prompts even for an allowlisted program', async () => {
    await nodePolicy({ security: 'allowlist', ask: 'always' }, [ID]);
    const ran = exec('id -u');
    const event = await requested('id -u');
    expect(event.request).toMatchObject({ ask: 'always', resolvedPath: ID });
    await resolve(event.id, 'allow-once');
    expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed', stdout: `${process.getuid!()}\n` } } });
  });

  it('ask=off in the node file as well: no prompt, the node refuses the miss itself', async () => {
    await nodePolicy({ security: 'allowlist', ask: 'off' });
    expect(await exec('echo nobody-asked')).toMatchObject({ status: 403, body: { error: { code: 'SYSTEM_RUN_DENIED', message: 'SYSTEM_RUN_DENIED: allowlist miss' } } });
    expect(approver.frames.some((f) => f.event === 'exec.approval.requested' && f.payload.request.command === 'echo nobody-asked')).toBe(false);
  });
});

describe('host=gateway asks like host=node', () => {
  beforeEach(() => fx.setApprovals(['--gateway'], { version: 1, defaults: { security: 'allowlist', ask: 'on-miss', askFallback: 'deny' }, agents: {} }));

  it('raises exec.approval.requested bound to the local plan; allow-once runs it on the gateway machine', async () => {
    await fx.config('set', 'tools.exec.host', 'gateway');
    try {
      const ran = exec('echo on-the-gateway');
      const event = await requested('echo on-the-gateway');
      expect(event.request).toMatchObject({ host: 'gateway', nodeId: null, planHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await fx.cli('approvals', 'pending')).toMatch(new RegExp(`${event.id}\\s+gateway`));
      await resolve(event.id, 'allow-once');
      expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed', host: 'gateway', stdout: 'on-the-gateway\n' } } });
      const denied = exec('echo denied-on-gateway');
      await resolve((await requested('echo denied-on-gateway')).id, 'deny');
      expect(await denied).toMatchObject({ status: 403, body: { error: { code: 'EXEC_DENIED', message: expect.stringContaining('an operator denied the command (host=gateway') } } });
    } finally {
      await fx.config('set', 'tools.exec.host', 'node');
    }
  });
});

describe('openclaw nodes run asks and waits', () => {
  beforeEach(() => nodePolicy({ security: 'allowlist', ask: 'on-miss' }));

  it('says which request it waits for; allow-once runs the exact command', async () => {
    const run = fx.run('nodes', 'run', '--node', NODE, '--', 'id', '-u', '-r');
    const event = await requested('id -u -r');
    expect(event.request).toMatchObject({ host: 'node', nodeId: fx.nodeId, resolvedPath: ID });
    await resolve(event.id, 'allow-once');
    const ended = await run;
    expect(ended).toMatchObject({ code: 0, stdout: `${process.getuid!()}\n` });
    expect(ended.stderr).toContain(`waiting for approval ${event.id} (openclaw approvals allow ${event.id}`);
  });

  it('deny ends it with EXEC_DENIED and runs nothing', async () => {
    const run = fx.run('nodes', 'run', '--node', NODE, '--', 'id', '-g');
    await resolve((await requested('id -g')).id, 'deny');
    const ended = await run;
    expect(ended.code).toBe(1);
    expect(ended.stdout).toBe('');
    expect(ended.stderr).toContain('an operator denied the command');
  });

  it('runs nothing when the caller left before the answer (Ctrl-C while waiting)', async () => {
    const marker = join(fx.gwDir, 'left-marker');
    const caller = await connectOperator(['operator.write']);
    const command = ['touch', marker];
    const asked = await caller.request('exec.approval.request', { nodeId: fx.nodeId, command, agentId: 'main', security: 'allowlist', ask: 'on-miss' });
    caller.send({ type: 'req', id: 'run-1', method: 'node.invoke', params: { nodeId: fx.nodeId, command: 'system.run', params: { command, agentId: 'main', runId: asked.payload.id }, idempotencyKey: 'left-1' } });
    caller.close();
    // Withdrawn as the caller left: the answer finds nothing (or, racing the close, is dropped).
    await resolve(asked.payload.id, 'allow-once');
    // A command sent after the answer has run (a safe bin, covered): the approved one, had it gone out, would have too.
    expect(await fx.run('nodes', 'run', '--node', NODE, '--', 'head', '-c', '0')).toMatchObject({ code: 0 });
    expect(existsSync(marker)).toBe(false);
  });

  it('an approval asked on one connection cannot be used by another', async () => {
    const other = await connectOperator(['operator.write']);
    const asked = await other.request('exec.approval.request', { nodeId: fx.nodeId, command: ['id', '-n', '-u'], agentId: 'main', security: 'allowlist', ask: 'on-miss' });
    expect(asked.payload).toMatchObject({ status: 'accepted', id: expect.any(String) });
    await resolve(asked.payload.id, 'allow-once');
    const thief = await connectOperator(['operator.write']);
    const stolen = await thief.request('node.invoke', { nodeId: fx.nodeId, command: 'system.run', params: { command: ['id', '-n', '-u'], agentId: 'main', runId: asked.payload.id }, idempotencyKey: 'steal-1' });
    expect(stolen.error).toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
    const other2 = await other.request('node.invoke', { nodeId: fx.nodeId, command: 'system.run', params: { command: ['id', '-g', '-n'], agentId: 'main', runId: asked.payload.id }, idempotencyKey: 'swap-1' });
    expect(other2.error).toMatchObject({ details: { reason: 'approval-request-mismatch' } });
    thief.close();
    other.close();
  });
});

describe('approvals allow --always', () => {
  beforeEach(() => nodePolicy({ security: 'allowlist', ask: 'on-miss' }));

  it('on a chain adds every program of it, and says so', async () => {
    const ran = exec('id -u && hostname');
    const event = await requested('id -u && hostname');
    expect(event.request.programs).toEqual([ID, HOSTNAME]);
    const out = await fx.cli('approvals', 'allow', event.id, '--always');
    expect(out).toContain(`Added to the allowlist: ${ID}, ${HOSTNAME}.`);
    expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed' } } });
    const { file } = JSON.parse(await fx.cli('approvals', 'get', '--node', NODE, '--json'));
    expect(file.agents.main.allowlist.map((e: { pattern: string }) => e.pattern)).toEqual([ID, HOSTNAME]);
  });

  it('on a command that cannot be analysed says that nothing was added', async () => {
    const ran = exec('id -u > /dev/null');
    const event = await requested('id -u > /dev/null');
    const out = await fx.cli('approvals', 'allow', event.id, '--always');
    expect(out).toContain('Nothing added to the allowlist: allowed once: the command could not be analysed');
    expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed' } } });
    const { file } = JSON.parse(await fx.cli('approvals', 'get', '--node', NODE, '--json'));
    expect(file.agents.main?.allowlist ?? []).toEqual([]);
  });

  it('also approves the waiting requests it now covers, with exec.approval.resolved', async () => {
    const first = exec('id -un');
    const firstEvent = await requested('id -un');
    const second = exec('id -gn');
    const secondEvent = await requested('id -gn');
    const answer = await resolve(firstEvent.id, 'allow-always');
    expect(answer.payload).toMatchObject({ allowlisted: [ID], alsoApproved: [secondEvent.id] });
    const resolved = await approver.next((f) => f.event === 'exec.approval.resolved' && f.payload.id === secondEvent.id);
    expect(resolved.payload).toMatchObject({ decision: 'allow-once', reason: 'allowlisted', resolvedBy: `allow-always ${firstEvent.id}` });
    expect(await first).toMatchObject({ status: 200, body: { result: { status: 'completed' } } });
    expect(await second).toMatchObject({ status: 200, body: { result: { status: 'completed' } } });
    expect((await approver.request('exec.approval.list', {})).payload.pending).toEqual([]);
  });
});
