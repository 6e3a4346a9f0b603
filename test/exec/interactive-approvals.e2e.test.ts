import { existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawClient } from '../support/raw-client.js';
import { startExecFixture, TOKEN } from './exec-fixture.js';

let fx: Awaited<ReturnType<typeof startExecFixture>>;
let approver: RawClient;
let writer: RawClient;

const exec = (command: string) => fx.http({ tool: 'exec', args: { command, timeout: 30 } });
/** The `exec.approval.requested` event for a command (the approver sees every one). */
const requested = (command: string) => approver.next((f) => f.event === 'exec.approval.requested' && f.payload.request.command === command, 20_000).then((f) => f.payload);
const connectOperator = (scopes: string[]) => fx.operator(scopes);

beforeAll(async () => {
  fx = await startExecFixture('Ask Node');
  await fx.config('set', 'tools.exec.host', 'node');
  await fx.config('set', 'tools.exec.security', 'allowlist');
  await fx.config('set', 'tools.exec.ask', 'on-miss');
  approver = await connectOperator(['operator.approvals']);
  writer = await connectOperator(['operator.write', 'operator.read']);
}, 60_000);
afterAll(async () => {
  approver?.close();
  writer?.close();
  await fx?.stop();
});

describe('interactive exec approvals: a command the node allowlist misses waits for an operator', () => {
  it('raises exec.approval.requested with command, cwd, node, agent and expiry; allow-once through the CLI runs it once', async () => {
    const ran = exec('echo once-$((20+22))');
    const event = await requested('echo once-$((20+22))');
    expect(event).toMatchObject({
      id: expect.any(String),
      request: { command: 'echo once-$((20+22))', host: 'node', nodeId: fx.nodeId, nodeName: 'Ask Node', agentId: 'main', cwd: expect.any(String), planHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(event.expiresAtMs - event.createdAtMs).toBe(120_000);
    const listed = JSON.parse(await fx.cli('approvals', 'pending', '--json'));
    expect(listed).toEqual([expect.objectContaining({ id: event.id })]);
    expect(await fx.cli('approvals', 'pending')).toContain(event.id);
    expect(await fx.cli('approvals', 'allow', event.id)).toContain(`Approved ${event.id} (allow-once)`);
    expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed', host: 'node', stdout: 'once-42\n' } } });
    // Used: the id is gone, a second answer finds nothing, and nothing is pending.
    const again = await fx.run('approvals', 'allow', event.id, '--json');
    expect(again.code).not.toBe(0);
    expect(again.stdout + again.stderr).toContain('APPROVAL_NOT_FOUND');
    expect(JSON.parse(await fx.cli('approvals', 'pending', '--json'))).toEqual([]);
  });

  it('deny through POST /v1/approvals/:id refuses the command before the node runs it', async () => {
    const marker = join(fx.gwDir, 'denied-marker');
    const command = `touch ${marker}`;
    const ran = exec(command);
    const { id } = await requested(command);
    const res = await fetch(`http://127.0.0.1:${fx.port}/v1/approvals/${id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'deny' }),
    });
    expect(await res.json()).toEqual({ id, decision: 'deny' });
    expect(await ran).toMatchObject({ status: 403, body: { error: { code: 'EXEC_DENIED', message: expect.stringContaining('an operator denied the command'), details: { reason: 'user-denied', approvalId: id } } } });
    expect(existsSync(marker)).toBe(false);
    const openapi = (await (await fetch(`http://127.0.0.1:${fx.port}/v1/openapi.json`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as any;
    expect(openapi.paths['/v1/approvals/{id}'].post).toBeDefined();
  });

  it('allow-always over WebSocket adds the resolved program to the node allowlist, so the next call needs no one', async () => {
    const id = realpathSync('/usr/bin/id');
    const ran = exec('id -u');
    const event = await requested('id -u');
    expect(event.request.resolvedPath).toBe(id);
    expect(await approver.request('exec.approval.resolve', { id: event.id, decision: 'allow-always' })).toMatchObject({ ok: true, payload: { id: event.id, decision: 'allow-always' } });
    expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed', stdout: `${process.getuid!()}\n` } } });
    expect(await fx.cli('approvals', 'get', '--node', 'Ask Node', '--json')).toContain(id);
    expect(await exec('id -un')).toMatchObject({ status: 200, body: { result: { status: 'completed' } } });
    expect(approver.frames.some((f) => f.event === 'exec.approval.requested' && f.payload.request.command === 'id -un')).toBe(false);
  });

  it('is bound to the plan the node prepared: a program swapped before the answer is refused by the node', async () => {
    const bin = mkdtempSync(join(fx.gwDir, 'bin-'));
    symlinkSync(realpathSync('/bin/echo'), join(bin, 'tool'));
    const command = `${join(bin, 'tool')} swapped`;
    const ran = exec(command);
    const { id } = await requested(command);
    rmSync(join(bin, 'tool'));
    symlinkSync(realpathSync('/usr/bin/id'), join(bin, 'tool'));
    await approver.request('exec.approval.resolve', { id, decision: 'allow-once' });
    expect(await ran).toMatchObject({ status: 403, body: { error: { code: 'SYSTEM_RUN_DENIED', message: 'SYSTEM_RUN_DENIED: execution plan mismatch' } } });
  });

  it('cannot be replayed for another command through node.invoke, even with the approved id and plan hash', async () => {
    const ran = exec('echo replay-a');
    const event = await requested('echo replay-a');
    await approver.request('exec.approval.resolve', { id: event.id, decision: 'allow-once' });
    await ran;
    const admin = await connectOperator(['operator.admin']);
    const replay = await admin.request('node.invoke', {
      nodeId: fx.nodeId,
      command: 'system.run',
      params: { command: ['/bin/sh', '-lc', 'echo replay-b'], approved: true, approvalDecision: 'allow-once', runId: event.id, planHash: event.request.planHash },
      idempotencyKey: 'replay-1',
    });
    admin.close();
    expect(replay.ok).toBe(false);
    expect(JSON.stringify(replay.error)).toMatch(/approval required|execution plan mismatch/);
  });

  it('with no answer before the expiry applies askFallback (deny), and a late answer finds nothing', async () => {
    await fx.config('set', 'tools.exec.approvalTimeoutMs', '2000');
    try {
      const marker = join(fx.gwDir, 'expired-marker');
      const ran = exec(`touch ${marker}`);
      const event = await requested(`touch ${marker}`);
      expect(event.expiresAtMs - event.createdAtMs).toBe(2_000);
      expect(await ran).toMatchObject({ status: 403, body: { error: { code: 'EXEC_DENIED', message: 'exec denied: approval required, and no operator answered within 2 s (askFallback=deny)', details: { reason: 'approval-timeout' } } } });
      expect(await approver.next((f) => f.event === 'exec.approval.resolved' && f.payload.id === event.id)).toMatchObject({ payload: { decision: null, reason: 'expired' } });
      expect(existsSync(marker)).toBe(false);
      expect((await approver.request('exec.approval.resolve', { id: event.id, decision: 'allow-once' })).error).toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
    } finally {
      await fx.config('unset', 'tools.exec.approvalTimeoutMs');
    }
  });

  it('an operator without operator.approvals neither sees nor answers requests', async () => {
    const ran = exec('echo scoped');
    const { id } = await requested('echo scoped');
    expect((await writer.request('exec.approval.list', {})).error).toMatchObject({ code: 'FORBIDDEN', details: { code: 'MISSING_SCOPE' } });
    expect((await writer.request('exec.approval.resolve', { id, decision: 'allow-once' })).error).toMatchObject({ code: 'FORBIDDEN' });
    expect(writer.frames.some((f) => typeof f.event === 'string' && f.event.startsWith('exec.approval'))).toBe(false);
    await approver.request('exec.approval.resolve', { id, decision: 'deny' });
    expect(await ran).toMatchObject({ status: 403 });
  });

  it('bounds the requests one node may have waiting', async () => {
    const commands = Array.from({ length: 9 }, (_, i) => `echo bound-${i}`);
    const calls = commands.map((c) => exec(c));
    const refused = await Promise.race(calls.map((call, i) => call.then((r) => ({ i, r }))));
    expect(refused.r).toMatchObject({ status: 429, body: { error: { code: 'EXEC_APPROVALS_FULL', message: expect.stringContaining('at most 8 for this node') } } });
    const { pending } = (await approver.request('exec.approval.list', {})).payload;
    expect(pending).toHaveLength(8);
    for (const p of pending) await approver.request('exec.approval.resolve', { id: p.id, decision: 'deny' });
    await Promise.all(calls);
  });
});
