import { execFileSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawClient } from '../support/raw-client.js';
import { startExecFixture, TOKEN } from './exec-fixture.js';

const NODE = 'Hardened Node';
const which = (name: string) => realpathSync(execFileSync('/bin/sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim());
const ID = which('id');
const SHELL = realpathSync('/bin/sh');
let fx: Awaited<ReturnType<typeof startExecFixture>>;
let approver: RawClient;

const exec = (command: string) => fx.http({ tool: 'exec', args: { command, timeout: 30 } });
const requested = (command: string) => approver.next((f) => f.event === 'exec.approval.requested' && f.payload.request.command === command, 20_000).then((f) => f.payload);
const resolve = (id: string, decision: string) => approver.request('exec.approval.resolve', { id, decision });
const policy = (defaults: Record<string, unknown>, allowlist: string[] = []) => ({ version: 1, defaults, agents: allowlist.length ? { '*': { allowlist: allowlist.map((pattern) => ({ pattern })) } } : {} });
const patterns = async (target: string[]) => {
  const { file } = JSON.parse(await fx.cli('approvals', 'get', ...target, '--json'));
  return Object.values(file.agents ?? {}).flatMap((agent: any) => (agent.allowlist ?? []).map((e: { pattern: string }) => e.pattern));
};

beforeAll(async () => {
  fx = await startExecFixture(NODE);
  await fx.config('set', 'tools.exec.host', 'node');
  await fx.config('set', 'tools.exec.security', 'allowlist');
  await fx.config('set', 'tools.exec.ask', 'off');
  approver = await fx.operator(['operator.approvals']);
}, 60_000);
afterAll(async () => {
  approver?.close();
  await fx?.stop();
});

describe('allow-always never allowlists a shell, interpreter or wrapper', () => {
  it('host=node: on a nested shell it adds the program inside, so a later sh -c still asks', async () => {
    await fx.setApprovals(['--node', NODE], policy({ security: 'allowlist', ask: 'on-miss' }));
    const ran = exec('/bin/sh -c /usr/bin/id');
    const out = await fx.cli('approvals', 'allow', (await requested('/bin/sh -c /usr/bin/id')).id, '--always');
    expect(out).toContain(`Added to the allowlist: ${ID}.`);
    expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed' } } });
    expect(await patterns(['--node', NODE])).toEqual([ID]);
    const marker = join(fx.gwDir, 'nested-marker');
    const later = exec(`/bin/sh -c 'touch ${marker}'`);
    const event = await requested(`/bin/sh -c 'touch ${marker}'`);
    await resolve(event.id, 'deny');
    expect(await later).toMatchObject({ status: 403, body: { error: { code: 'EXEC_DENIED' } } });
    expect(existsSync(marker)).toBe(false);
  });

  it('host=node: on a wrapper (timeout) nothing is added, and the answer says why', async () => {
    await fx.setApprovals(['--node', NODE], policy({ security: 'allowlist', ask: 'on-miss' }));
    const ran = exec('timeout 20 id -u');
    const out = await fx.cli('approvals', 'allow', (await requested('timeout 20 id -u')).id, '--always');
    expect(out).toContain('Nothing added to the allowlist');
    expect(out).toContain('shell, interpreter or wrapper');
    expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed' } } });
    expect(await patterns(['--node', NODE])).toEqual([]);
  });

  it('host=gateway: on a nested shell the gateway machine adds the program inside, not its shell', async () => {
    await fx.setApprovals(['--gateway'], policy({ security: 'allowlist', ask: 'on-miss', askFallback: 'deny' }));
    await fx.config('set', 'tools.exec.host', 'gateway');
    try {
      const ran = exec('/bin/sh -c "/usr/bin/id -u"');
      const out = await fx.cli('approvals', 'allow', (await requested('/bin/sh -c "/usr/bin/id -u"')).id, '--always');
      expect(out).toContain(`Added to the allowlist: ${ID}.`);
      expect(await ran).toMatchObject({ status: 200, body: { result: { status: 'completed', host: 'gateway' } } });
      expect(await patterns(['--gateway'])).toEqual([ID]);
    } finally {
      await fx.config('set', 'tools.exec.host', 'node');
    }
  });

  it("a shell already on a node's allowlist covers only what its -c script runs, nothing handed to it otherwise", async () => {
    await fx.setApprovals(['--gateway'], policy({ security: 'full', ask: 'off' }));
    await fx.setApprovals(['--node', NODE], policy({ security: 'allowlist', ask: 'off' }, [SHELL]));
    for (const inner of [`/bin/sh -c 'touch ${join(fx.gwDir, 'a-marker')}'`, `/bin/sh -e -c 'touch ${join(fx.gwDir, 'b-marker')}'`]) {
      expect(await exec(inner)).toMatchObject({ status: 403, body: { error: { code: 'SYSTEM_RUN_DENIED', message: 'SYSTEM_RUN_DENIED: allowlist miss' } } });
    }
    expect(existsSync(join(fx.gwDir, 'a-marker')) || existsSync(join(fx.gwDir, 'b-marker'))).toBe(false);
  });
});

describe("the node's own askFallback counts when nobody answers", () => {
  it('gateway askFallback=full, node askFallback=deny: the stricter one refuses after the expiry', async () => {
    await fx.setApprovals(['--gateway'], policy({ security: 'full', ask: 'off', askFallback: 'full' }));
    await fx.setApprovals(['--node', NODE], policy({ security: 'allowlist', ask: 'on-miss', askFallback: 'deny' }));
    await fx.config('set', 'tools.exec.approvalTimeoutMs', '1000');
    try {
      const marker = join(fx.gwDir, 'fallback-marker');
      const ran = exec(`touch ${marker}`);
      await requested(`touch ${marker}`);
      expect(await ran).toMatchObject({ status: 403, body: { error: { code: 'EXEC_DENIED', message: expect.stringContaining('(askFallback=deny)') } } });
      expect(existsSync(marker)).toBe(false);
    } finally {
      await fx.config('unset', 'tools.exec.approvalTimeoutMs');
    }
  });
});

describe('a request whose caller left is withdrawn', () => {
  it('Ctrl-C while nodes run waits: operators see caller-gone, an answer gets APPROVAL_NOT_FOUND, the slot is free', async () => {
    await fx.setApprovals(['--gateway'], policy({ security: 'full', ask: 'off' }));
    await fx.setApprovals(['--node', NODE], policy({ security: 'allowlist', ask: 'on-miss' }));
    const caller = await fx.operator(['operator.write']);
    const marker = join(fx.gwDir, 'gone-marker');
    const command = ['touch', marker];
    const asked = await caller.request('exec.approval.request', { nodeId: fx.nodeId, command, agentId: 'main' });
    expect(asked.payload).toMatchObject({ status: 'accepted', id: expect.any(String) });
    const { id } = asked.payload;
    caller.send({ type: 'req', id: 'run-gone', method: 'node.invoke', params: { nodeId: fx.nodeId, command: 'system.run', params: { command, agentId: 'main', runId: id }, idempotencyKey: 'gone-1' } });
    caller.close();
    const resolved = await approver.next((f) => f.event === 'exec.approval.resolved' && f.payload.id === id, 20_000);
    expect(resolved.payload).toMatchObject({ decision: null, reason: 'caller-gone' });
    const answer = await fx.run('approvals', 'allow', id, '--always');
    expect(answer).toMatchObject({ code: 1, stdout: '' });
    expect(answer.stderr).toContain(`no exec approval request ${id} is waiting`);
    expect((await fx.run('approvals', 'allow', id, '--json')).stdout + '').toContain('APPROVAL_NOT_FOUND');
    expect(JSON.parse(await fx.cli('approvals', 'pending', '--json'))).toEqual([]);
    expect(await patterns(['--node', NODE])).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  });

  it('an agent whose HTTP exec call hangs up while an operator is asked: withdrawn, nothing runs', async () => {
    await fx.setApprovals(['--gateway'], policy({ security: 'full', ask: 'off' }));
    await fx.setApprovals(['--node', NODE], policy({ security: 'allowlist', ask: 'on-miss' }));
    const marker = join(fx.gwDir, 'hung-up-marker');
    const abort = new AbortController();
    const call = fetch(`http://127.0.0.1:${fx.port}/tools/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ tool: 'exec', args: { command: `touch ${marker}`, timeout: 30 } }),
      signal: abort.signal,
    }).catch(() => undefined);
    const { id } = await requested(`touch ${marker}`);
    abort.abort();
    await call;
    const resolved = await approver.next((f) => f.event === 'exec.approval.resolved' && f.payload.id === id, 20_000);
    expect(resolved.payload).toMatchObject({ decision: null, reason: 'caller-gone' });
    expect((await resolve(id, 'allow-once')).error).toMatchObject({ code: 'APPROVAL_NOT_FOUND' });
    expect(existsSync(marker)).toBe(false);
  });
});
