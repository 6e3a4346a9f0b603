import { execFileSync } from 'node:child_process';
import { realpathSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { resolveExecutable } from '@openclaw-nodes/core/exec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawClient } from '../support/raw-client.js';
import { startExecFixture, TOKEN } from './exec-fixture.js';

// `echo` is a shell builtin, so find the program the allowlist sees the way the node does.
const ECHO = resolveExecutable('echo', { cwd: '/', pathEnv: process.env.PATH, home: '/' }).realPath!;
const UNAME = realpathSync(execFileSync('/bin/sh', ['-c', 'command -v uname'], { encoding: 'utf8' }).trim());
let fx: Awaited<ReturnType<typeof startExecFixture>>;
let op: RawClient;

const exec = (args: Record<string, unknown>, extra: Record<string, unknown> = {}) => fx.http({ tool: 'exec', args, ...extra });

/** A 3 MB body on a connection of its own: the gateway answers before reading it, then hangs up. */
function oversized(): Promise<{ status: number; body: any }> {
  const body = JSON.stringify({ tool: 'exec', args: { command: 'x'.repeat(3 * 1024 * 1024) } });
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: fx.port, path: '/tools/invoke', method: 'POST', agent: false, headers: { authorization: `Bearer ${TOKEN}`, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  fx = await startExecFixture('Route Node');
  // The node runs what the gateway sends; the gateway decides where it goes.
  const full = join(fx.gwDir, 'full.json');
  writeFileSync(full, JSON.stringify({ version: 1, defaults: { security: 'full', ask: 'off' } }));
  await fx.cli('approvals', 'set', '--node', 'Route Node', '--file', full);
  op = await fx.operator(['operator.write']);
}, 60_000);
afterAll(async () => {
  op?.close();
  await fx?.stop();
});

describe('exec routing: tools.invoke over HTTP and WebSocket, config and session overrides', () => {
  it('answers 401 without the gateway token, and names the one tool it offers', async () => {
    expect(await fx.http({ tool: 'exec', args: { command: 'true' } }, {})).toEqual({ status: 401, body: { ok: false, error: expect.objectContaining({ code: 'AUTH_TOKEN_MISSING' }) } });
    expect(await fx.http({ tool: 'exec', args: { command: 'true' } }, { authorization: 'Bearer wrong' })).toMatchObject({ status: 401, body: { ok: false, error: { code: 'AUTH_TOKEN_MISMATCH' } } });
    const get = await fetch(`http://127.0.0.1:${fx.port}/tools/invoke`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(get.status).toBe(404);
    const notJson = await fetch(`http://127.0.0.1:${fx.port}/tools/invoke`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: '{nope' });
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringContaining('not valid JSON') } });
    expect(await exec({ command: 'true' }, { tool: 'browser' })).toMatchObject({ status: 404, body: { ok: false, error: { code: 'UNKNOWN_TOOL' } } });
    expect(await oversized()).toMatchObject({ status: 413, body: { ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } } });
    expect(await exec({ command: '' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST', message: 'invalid exec args: command: must NOT have fewer than 1 characters' } } });
  });

  it('runs on the gateway by default, under the gateway machine’s own approvals', async () => {
    // A miss there asks the operators like host=node does; nobody answers, askFallback (deny) refuses.
    await fx.config('set', 'tools.exec.approvalTimeoutMs', '1000');
    const denied = await exec({ command: 'echo gw' });
    await fx.config('unset', 'tools.exec.approvalTimeoutMs');
    expect(denied).toMatchObject({ status: 403, body: { ok: false, error: { code: 'EXEC_DENIED', message: 'exec denied: approval required, and no operator answered within 1 s (askFallback=deny)' } } });
    expect(await fx.cli('approvals', 'allowlist', 'add', '--gateway', ECHO)).toContain('Target: gateway');
    const ran = await exec({ command: 'echo gw' });
    expect(ran).toMatchObject({ status: 200, body: { ok: true, toolName: 'exec', result: { status: 'completed', host: 'gateway', exitCode: 0, stdout: 'gw\n', aggregated: 'gw\n' } } });
  });

  it('goes to the node once tools.exec.host=node, security=allowlist and node=<name> are set, without a restart', async () => {
    await fx.config('set', 'tools.exec.host', 'node');
    await fx.config('set', 'tools.exec.security', 'allowlist');
    await fx.config('set', 'tools.exec.node', 'Route Node');
    // The gateway's on-miss pre-check reads the node's allowlist: allow uname there.
    await fx.cli('approvals', 'allowlist', 'add', '--node', 'Route Node', UNAME);
    const ran = await exec({ command: 'uname -s', timeout: 30 });
    expect(ran).toMatchObject({ status: 200, body: { result: { status: 'completed', host: 'node', nodeId: fx.nodeId, stdout: 'Linux\n' } } });
    // A miss needs an approval nobody gives in time: the gateway's askFallback (deny) refuses it.
    await fx.config('set', 'tools.exec.approvalTimeoutMs', '1000');
    const miss = await exec({ command: 'id' });
    await fx.config('unset', 'tools.exec.approvalTimeoutMs');
    expect(miss).toMatchObject({ status: 403, body: { error: { code: 'EXEC_DENIED', message: expect.stringContaining('approval required') } } });
    // With ask=off the node decides alone: full there, so it runs.
    await fx.config('set', 'tools.exec.ask', 'off');
    expect(await exec({ command: 'id -u' })).toMatchObject({ status: 200, body: { result: { stdout: `${process.getuid!()}\n` } } });
  });

  it('refuses what a call may not ask for', async () => {
    expect(await exec({ command: 'true', host: 'gateway' })).toMatchObject({
      status: 403,
      body: { error: { code: 'EXEC_HOST_NOT_ALLOWED', message: 'exec host not allowed (requested gateway; configure tools.exec.host=gateway to allow).' } },
    });
    expect(await exec({ command: 'true', node: 'other' })).toMatchObject({ status: 403, body: { error: { code: 'EXEC_NODE_NOT_ALLOWED', message: 'exec node not allowed (bound to Route Node)' } } });
    expect(await exec({ command: 'true', env: { PATH: '/tmp' } })).toMatchObject({
      status: 400,
      body: { error: { code: 'EXEC_ENV_FORBIDDEN', message: "Security Violation: Custom 'PATH' variable is forbidden during host execution." } },
    });
    expect(await exec({ command: 'true', env: { LD_PRELOAD: '/tmp/x.so' } })).toMatchObject({
      status: 400,
      body: { error: { message: "Security Violation: Environment variable 'LD_PRELOAD' is forbidden during host execution." } },
    });
    expect(await exec({ command: 'true', security: 'deny' })).toMatchObject({ status: 403, body: { error: { code: 'EXEC_DENIED', message: 'exec denied: host=node security=deny' } } });
  });

  it('follows a per-agent node override, and any node again after config unset', async () => {
    await fx.config('set', 'agents.list', '[{id: "main"}, {id: "ops"}]');
    await fx.config('set', 'agents.list[1].tools.exec.node', 'no-such-node');
    expect(await exec({ command: 'true' }, { agentId: 'ops' })).toMatchObject({ status: 404, body: { error: { code: 'NODE_NOT_FOUND', message: 'unknown node: no-such-node (known: Route Node)' } } });
    await fx.config('unset', 'agents.list[1].tools.exec.node');
    await fx.config('unset', 'tools.exec.node');
    // Unbound: the sole connected node that runs commands is picked.
    expect(await exec({ command: 'echo any' }, { agentId: 'ops' })).toMatchObject({ status: 200, body: { result: { host: 'node', nodeId: fx.nodeId, stdout: 'any\n' } } });
  });

  it('keeps per-session /exec overrides over the config, set with exec.directive', async () => {
    const set = await op.request('exec.directive', { sessionKey: 'chat-1', text: '/exec host=gateway security=allowlist' });
    expect(set.payload).toMatchObject({ sessionKey: 'chat-1', reply: 'Exec defaults set (host=gateway, security=allowlist).', exec: { host: 'gateway' } });
    const ws = await op.request('tools.invoke', { tool: 'exec', args: { command: 'echo session' }, sessionKey: 'chat-1' });
    expect(ws.payload).toMatchObject({ ok: true, result: { host: 'gateway', stdout: 'session\n' } });
    // Another session still follows the config.
    expect((await op.request('tools.invoke', { tool: 'exec', args: { command: 'echo other' }, sessionKey: 'chat-2' })).payload.result.host).toBe('node');
    const current = await op.request('exec.directive', { sessionKey: 'chat-1', text: '/exec' });
    expect(current.payload.reply).toMatch(/^Current exec defaults: host=gateway, security=allowlist, ask=off, node=\(unset\)\./);
    expect((await op.request('exec.directive', { text: '/exec host=node' })).error).toMatchObject({ code: 'INVALID_REQUEST', message: "invalid exec.directive params: must have required property 'sessionKey'" });
    const bad = await op.request('exec.directive', { sessionKey: 'chat-1', text: '/exec host=moon' });
    expect(bad.error).toMatchObject({ code: 'INVALID_REQUEST', message: 'Unrecognized exec host "moon". Valid hosts: sandbox, gateway, node.', details: { code: 'EXEC_DIRECTIVE_INVALID' } });
  });

  it('answers host=sandbox with a clear error', async () => {
    await fx.config('set', 'tools.exec.host', 'sandbox');
    expect(await exec({ command: 'true' })).toMatchObject({ status: 501, body: { error: { code: 'EXEC_HOST_UNAVAILABLE', message: expect.stringContaining('sandbox is not available') } } });
  });
});
