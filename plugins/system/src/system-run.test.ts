import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG, STATE_DIR } from '@openclaw-nodes/core';
import { rootContainer } from '@openclaw-nodes/core/di';
import { CORE_VERSION, PluginHost, type InvokeContext } from '@openclaw-nodes/core/plugin';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { normalizeApprovalsFile } from '@openclaw-nodes/core/exec';
import { ApprovalsStore } from './approvals-store.js';
import { systemPlugin } from './index.js';
import { poll } from '../../../test/support/poll.js';

const UNAME = realpathSync(execFileSync('/bin/sh', ['-c', 'command -v uname'], { encoding: 'utf8' }).trim());
const stateDir = mkdtempSync(join(tmpdir(), 'openclaw-system-run-'));
let nodeConfig: unknown = {};
let host: PluginHost;
let events: Array<{ event: string; payload: any }>;

beforeAll(async () => {
  const container = rootContainer.createChildContainer();
  container.register(STATE_DIR, { useValue: stateDir });
  container.register(CONFIG, { useValue: () => nodeConfig });
  host = new PluginHost({ container, hostVersion: CORE_VERSION, hostKind: 'node', side: 'node' });
  host.load([systemPlugin]);
  await host.start();
});
afterAll(async () => {
  await host.stop();
  rmSync(stateDir, { recursive: true, force: true });
});
beforeEach(() => {
  events = [];
  nodeConfig = {};
});

/**
 * Writes the node's approvals file: one policy for agent main, /usr/bin/uname allowed for
 * every agent. Through the store, so it takes turns with usage notes still being written.
 */
function approvals(policy: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<unknown> {
  const file = { version: 1, defaults: {}, agents: { '*': { allowlist: [{ id: 'uname-entry', pattern: UNAME }] }, main: policy, ...extra } };
  return new ApprovalsStore(stateDir).update(() => normalizeApprovalsFile(file));
}

const ctx = (): InvokeContext => ({ invokeId: 'inv-1', command: 'system.run', signal: new AbortController().signal, emitEvent: (event, payload) => events.push({ event, payload }), deliverMedia: () => Promise.reject(new Error('no media here')) });
const run = (command: string, extra: Record<string, unknown> = {}) => host.invoke('system.run', { command: ['/bin/sh', '-lc', command], cwd: stateDir, ...extra }, ctx()) as Promise<any>;

describe('system.run: the decision table of EXEC.md 12 (agent main, allowlist /usr/bin/uname)', () => {
  const RUNS = 'runs';
  it.each([
    [{ security: 'allowlist', ask: 'on-miss' }, 'uname -a', {}, RUNS],
    [{ security: 'allowlist', ask: 'on-miss' }, 'ls', {}, 'SYSTEM_RUN_DENIED: approval required'],
    [{ security: 'allowlist', ask: 'on-miss' }, 'ls', { approvalDecision: 'allow-once' }, RUNS],
    [{ security: 'allowlist', ask: 'off' }, 'ls', {}, 'SYSTEM_RUN_DENIED: allowlist miss'],
    [{ security: 'allowlist', ask: 'off' }, 'uname -a && ls', {}, 'SYSTEM_RUN_DENIED: allowlist miss'],
    [{ security: 'allowlist', ask: 'off' }, 'uname > out.txt', {}, 'SYSTEM_RUN_DENIED: allowlist miss'],
    [{ security: 'allowlist', ask: 'off' }, 'uname | wc -l', {}, RUNS],
    [{ security: 'allowlist', ask: 'always' }, 'uname -a', {}, 'SYSTEM_RUN_DENIED: approval required'],
    [{ security: 'full', ask: 'off' }, 'ls; id | cat > /dev/null', {}, RUNS],
    [{ security: 'deny', ask: 'off' }, 'uname -a', {}, 'SYSTEM_RUN_DISABLED: security=deny'],
    [{ security: 'deny', ask: 'always' }, 'uname -a', { approved: true, approvalDecision: 'allow-once' }, 'SYSTEM_RUN_DISABLED: security=deny'],
  ])('%j %j %j → %s', async (policy, command, approval, outcome) => {
    await approvals(policy);
    const result = run(command, approval);
    if (outcome === RUNS) await expect(result).resolves.toMatchObject({ exitCode: 0, success: true, timedOut: false, error: null });
    else await expect(result).rejects.toMatchObject({ message: outcome });
  });
});

describe('system.run: askFallback on a node nobody can ask', () => {
  it('allowlist lets the allowlist decide; full runs as if allowed once', async () => {
    await approvals({ security: 'allowlist', ask: 'always', askFallback: 'allowlist' });
    await expect(run('uname')).resolves.toMatchObject({ success: true });
    await expect(run('ls')).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: allowlist miss' });
    await approvals({ security: 'full', ask: 'always', askFallback: 'allowlist' });
    await expect(run('ls')).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: allowlist miss' });
    await approvals({ security: 'allowlist', ask: 'on-miss', askFallback: 'full' });
    await expect(run('ls')).resolves.toMatchObject({ success: true });
  });
});

describe('system.run: policy sources', () => {
  it('falls back to allowlist / on-miss on a fresh node, and to the node’s own tools.exec', async () => {
    await new ApprovalsStore(stateDir).update(() => normalizeApprovalsFile({ version: 1, agents: { '*': { allowlist: [UNAME] } } }));
    await expect(run('ls')).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: approval required' });
    nodeConfig = { tools: { exec: { security: 'full' } } };
    await expect(run('ls')).resolves.toMatchObject({ success: true });
    nodeConfig = { tools: { exec: { security: 'full' } }, agents: { list: [{ id: 'ops', tools: { exec: { security: 'deny' } } }] } };
    await expect(run('uname', { agentId: 'ops' })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DISABLED: security=deny' });
  });

  it('uses the agent’s own section, and lets a request tighten but never loosen', async () => {
    await approvals({ security: 'full', ask: 'off' }, { ops: { security: 'allowlist', ask: 'off' } });
    await expect(run('ls')).resolves.toMatchObject({ success: true });
    await expect(run('ls', { agentId: 'ops' })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: allowlist miss' });
    await expect(run('ls', { security: 'allowlist' })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: allowlist miss' });
    await expect(run('ls', { agentId: 'ops', security: 'full' })).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: allowlist miss' });
  });
});

describe('system.run: events, output and side effects', () => {
  it('sends exec.denied with the reason before failing', async () => {
    await approvals({ security: 'allowlist', ask: 'off' });
    await expect(run('ls', { runId: 'run-7', sessionKey: 'agent:main' })).rejects.toMatchObject({ code: 'SYSTEM_RUN_DENIED' });
    expect(events).toEqual([
      { event: 'exec.denied', payload: { sessionKey: 'agent:main', runId: 'run-7', host: 'node', command: 'ls', reason: 'allowlist-miss', suppressNotifyOnExit: false } },
    ]);
  });

  it('sends exec.finished with exit code and output, then answers the result', async () => {
    await approvals({ security: 'full', ask: 'off' });
    const result = await host.invoke('system.run', { command: ['echo', 'hello'] }, ctx());
    expect(result).toEqual({ exitCode: 0, timedOut: false, success: true, stdout: 'hello\n', stderr: '', error: null });
    expect(events).toEqual([
      { event: 'exec.finished', payload: { sessionKey: 'node', runId: 'inv-1', host: 'node', command: 'echo hello', exitCode: 0, timedOut: false, success: true, output: 'hello', suppressNotifyOnExit: false } },
    ]);
  });

  it('reports a failing command with its exit code and stderr', async () => {
    await approvals({ security: 'full', ask: 'off' });
    await expect(run('echo bad >&2; exit 7')).resolves.toEqual({ exitCode: 7, timedOut: false, success: false, stdout: '', stderr: 'bad\n', error: null });
  });

  it('times out, killing the command', async () => {
    await approvals({ security: 'full', ask: 'off' });
    await expect(run('sleep 20', { timeoutMs: 200 })).resolves.toMatchObject({ timedOut: true, success: false });
  });

  it('records when an allowlist entry was last used, and for what', async () => {
    await approvals({ security: 'allowlist', ask: 'off' });
    await run('uname -s');
    const entry = await poll(() => {
      const first = JSON.parse(readFileSync(join(stateDir, 'exec-approvals.json'), 'utf8')).agents['*'].allowlist[0];
      return first.lastUsedAt === undefined ? undefined : first;
    }, 'the allowlist entry marked as used');
    expect(entry).toMatchObject({ id: 'uname-entry', lastUsedCommand: 'uname -s', lastResolvedPath: UNAME, lastUsedAt: expect.any(Number) });
  });

  it('persists "allow always" into the agent’s allowlist', async () => {
    await approvals({ security: 'allowlist', ask: 'on-miss' });
    const ls = realpathSync(execFileSync('/bin/sh', ['-c', 'command -v ls'], { encoding: 'utf8' }).trim());
    await expect(run('ls', { approvalDecision: 'allow-always' })).resolves.toMatchObject({ success: true });
    await expect(run('ls')).resolves.toMatchObject({ success: true });
    const main = JSON.parse(readFileSync(join(stateDir, 'exec-approvals.json'), 'utf8')).agents.main;
    expect(main.allowlist.map((e: { pattern: string }) => e.pattern)).toEqual([ls]);
  });

  it('refuses screen recording on a host that cannot grant it', async () => {
    await approvals({ security: 'full', ask: 'off' });
    await expect(run('uname', { needsScreenRecording: true })).rejects.toMatchObject({ code: 'PERMISSION_MISSING', message: 'PERMISSION_MISSING: screenRecording' });
    expect(events[0].payload.reason).toBe('permission:screenRecording');
  });
});

describe('system.run: bad input', () => {
  it.each([
    [{}, 'INVALID_REQUEST: command required'],
    [{ command: [] }, 'INVALID_REQUEST: command required'],
    [{ command: 'uname' }, 'INVALID_REQUEST: command required'],
    [{ command: ['uname', 3] }, 'INVALID_REQUEST: command[1]: expected string, received number'],
    [{ command: ['/bin/sh', '-lc', 'uname'], rawCommand: 'id' }, 'INVALID_REQUEST: rawCommand does not match command'],
    [{ command: ['uname', '-a'], rawCommand: 'uname -s' }, 'INVALID_REQUEST: rawCommand does not match command'],
    [{ command: ['uname'], timeoutMs: -1 }, 'INVALID_REQUEST: timeoutMs: expected number to be >=0'],
    [{ command: ['uname'], timeoutMs: 2 ** 31 }, 'INVALID_REQUEST: timeoutMs: at most 2147483647 ms (about 24.8 days)'],
    [{ command: ['uname'], env: { A: 1 } }, 'INVALID_REQUEST: env.A: expected string, received number'],
    [{ command: ['uname'], approvalDecision: 'sure' }, expect.stringContaining('INVALID_REQUEST: approvalDecision')],
  ])('%j → %s', async (params, message) => {
    await approvals({ security: 'full', ask: 'off' });
    await expect(host.invoke('system.run', params, ctx())).rejects.toMatchObject({ code: 'INVALID_REQUEST', message });
  });

  it('checks system.run.prepare params the same way', async () => {
    await expect(host.invoke('system.run.prepare', {}, ctx())).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: 'INVALID_REQUEST: command required' });
    await expect(host.invoke('system.run.prepare', { command: ['/bin/sh', '-lc', 'a'], rawCommand: 'b' }, ctx())).rejects.toMatchObject({ message: 'INVALID_REQUEST: rawCommand does not match command' });
  });

  it('accepts a rawCommand that matches the shell script or the formatted argv', async () => {
    await approvals({ security: 'full', ask: 'off' });
    await expect(run('echo "a b"', { rawCommand: 'echo "a b"' })).resolves.toMatchObject({ stdout: 'a b\n' });
    await expect(host.invoke('system.run', { command: ['echo', 'a b'], rawCommand: 'echo "a b"' }, ctx())).resolves.toMatchObject({ stdout: 'a b\n' });
  });
});

describe('system.run: a command that cannot start', () => {
  it('reports the spawn error with no exit code, also where commands run under a launcher', async () => {
    await approvals({ security: 'full', ask: 'off' });
    const missing = (await host.invoke('system.run', { command: ['no-such-program-anywhere'], cwd: stateDir }, ctx())) as any;
    expect(missing).toMatchObject({ success: false, error: expect.stringMatching(/ENOENT/) });
    expect(missing.exitCode).toBeUndefined();
    const badCwd = (await host.invoke('system.run', { command: ['true'], cwd: join(stateDir, 'nowhere') }, ctx())) as any;
    expect(badCwd).toMatchObject({ success: false, error: expect.stringMatching(/ENOENT/) });
  });
});

describe('system.run: an approval binds the plan system.run.prepare showed', () => {
  const prepare = (command: string[], extra: Record<string, unknown> = {}) => host.invoke('system.run.prepare', { command, cwd: stateDir, ...extra }, ctx()) as Promise<any>;

  it('runs the approved plan, and refuses the same approval for another command, cwd, environment or program', async () => {
    await approvals({ security: 'allowlist', ask: 'always' });
    const { planHash } = await prepare(['/bin/sh', '-lc', 'echo approved'], { env: { GREETING: 'hi' } });
    expect(planHash).toMatch(/^[0-9a-f]{64}$/);
    const approved = { approvalDecision: 'allow-once', planHash, env: { GREETING: 'hi' } };
    expect(await run('echo approved', approved)).toMatchObject({ success: true, stdout: 'approved\n' });
    const mismatch = { code: 'SYSTEM_RUN_DENIED', message: 'SYSTEM_RUN_DENIED: execution plan mismatch' };
    await expect(run('echo other', approved)).rejects.toMatchObject(mismatch);
    await expect(run('echo approved', { ...approved, env: { GREETING: 'bye' } })).rejects.toMatchObject(mismatch);
    await expect(run('echo approved', { ...approved, cwd: '/' })).rejects.toMatchObject(mismatch);
    expect(events.at(-1)).toMatchObject({ event: 'exec.denied', payload: { reason: 'execution-plan-miss' } });
  });

  it('notices a program swapped behind the same path between approval and run', async () => {
    await approvals({ security: 'allowlist', ask: 'always' });
    const bin = mkdtempSync(join(stateDir, 'bin-'));
    symlinkSync('/bin/echo', join(bin, 'tool'));
    const { planHash } = await prepare([join(bin, 'tool'), 'hello']);
    rmSync(join(bin, 'tool'));
    symlinkSync('/usr/bin/id', join(bin, 'tool'));
    const swapped = host.invoke('system.run', { command: [join(bin, 'tool'), 'hello'], cwd: stateDir, approvalDecision: 'allow-once', planHash }, ctx());
    await expect(swapped).rejects.toMatchObject({ message: 'SYSTEM_RUN_DENIED: execution plan mismatch' });
  });
});
