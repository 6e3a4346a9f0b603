import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { runCli } from '../support/processes.js';
import { ourCli, poll, realCli, realEnv, scratchArea, startNode, startOurGateway, startRealGateway } from './real-openclaw.js';

const TOKEN = 'exec-interop-token';
const UNAME = realpathSync(execFileSync('sh', ['-c', 'command -v uname'], { encoding: 'utf8' }).trim());
const scratch = scratchArea();
afterAll(() => scratch.cleanup());

describe('exec interop with the real OpenClaw 2026.9.6', () => {
  it('the real gateway and CLI: approvals allowlist add --node and system.run on our node host', async () => {
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    await startRealGateway(scratch, port, TOKEN);
    const { stateDir: nodeDir } = await startNode(scratch, 'ours', port, TOKEN, 'Our Exec Node');

    const cliEnv = realEnv(scratch.dir('oc-exec-real-cli-'));
    const real = (args: string[]) => realCli([...args, '--url', url, '--token', TOKEN], cliEnv);
    const request = await poll(async () => {
      const pending = JSON.parse(await real(['nodes', 'pending', '--json'])) as Array<{ requestId: string; displayName: string }>;
      return pending.find((p) => p.displayName === 'Our Exec Node');
    }, 'a pending request from our node on the real gateway', { timeoutMs: 30_000 });
    await real(['nodes', 'approve', request.requestId]);

    // The seed's command, run by the real CLI: node.list, exec.approvals.node.get, then set with baseHash.
    const added = JSON.parse(await real(['approvals', 'allowlist', 'add', '--node', 'Our Exec Node', UNAME, '--json']));
    expect(JSON.stringify(added)).toContain(UNAME);
    const onDisk = JSON.parse(readFileSync(join(nodeDir, 'exec-approvals.json'), 'utf8'));
    expect(onDisk.agents['*'].allowlist).toEqual([expect.objectContaining({ pattern: UNAME, id: expect.any(String) })]);
    expect(onDisk.socket.token).toEqual(expect.any(String));

    const nodeId = (JSON.parse(await real(['nodes', 'status', '--json'])).nodes as Array<{ nodeId: string; displayName: string }>).find((n) => n.displayName === 'Our Exec Node')!.nodeId;
    const call = (command: string[], key: string) =>
      real(['gateway', 'call', 'node.invoke', '--json', '--timeout', '30000', '--params', JSON.stringify({ nodeId, command: 'system.run', params: { command }, idempotencyKey: key, timeoutMs: 15_000 })]);
    const ran = JSON.parse(await call(['uname', '-s'], 'exec-interop-1'));
    expect(ran).toMatchObject({ ok: true, command: 'system.run', payload: { exitCode: 0, success: true, stdout: `${execFileSync('uname', ['-s'], { encoding: 'utf8' })}` } });

    // Anything else is refused by our node; the real gateway reports the node's error.
    const denied = await real(['gateway', 'call', 'node.invoke', '--json', '--params', JSON.stringify({ nodeId, command: 'system.run', params: { command: ['id'] }, idempotencyKey: 'exec-interop-2' })]).then(
      (out) => out,
      (err: { stdout?: string; stderr?: string }) => `${err.stdout ?? ''}${err.stderr ?? ''}`,
    );
    expect(denied).toContain('SYSTEM_RUN_DENIED');
  }, 300_000);

  it('our gateway and CLI: nodes run and approvals get --node on the real node host', async () => {
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    const { env: ourEnv } = await startOurGateway(scratch, port, TOKEN);
    // The real node host runs everything (security=full, ask=off); so does our CLI here, or
    // its defaults (allowlist, on-miss) would ask an operator first.
    await ourCli(['config', 'set', 'tools.exec.security', 'full'], ourEnv);
    await ourCli(['config', 'set', 'tools.exec.ask', 'off'], ourEnv);
    await startNode(scratch, 'real', port, TOKEN, 'Real Exec Node');

    const cli = (args: string[]) => ourCli([...args, '--url', url, '--token', TOKEN], ourEnv);
    await poll(async () => {
      for (const p of JSON.parse(await cli(['nodes', 'pending', '--json'])) as Array<{ requestId: string }>) await cli(['nodes', 'approve', p.requestId]);
      const { nodes } = JSON.parse(await cli(['nodes', 'status', '--json'])) as { nodes: Array<{ displayName: string; connected: boolean; commands: string[] }> };
      return nodes.find((n) => n.displayName === 'Real Exec Node' && n.connected && n.commands.includes('system.run'));
    }, 'the real node serving system.run on our gateway', { timeoutMs: 60_000 });

    const run = (args: string[]) => runCli(['nodes', 'run', '--url', url, '--token', TOKEN, '--node', 'Real Exec Node', ...args], ourEnv, 60_000);
    await expect(run(['--', 'echo', 'hello from the real node'])).resolves.toEqual({ code: 0, stdout: 'hello from the real node\n', stderr: '' });
    const failing = await run(['--raw', 'echo out; echo err >&2; exit 4']);
    expect(failing).toMatchObject({ code: 4, stdout: 'out\n' });
    expect(failing.stderr).toContain('err');
    expect(failing.stderr).toContain('nodes run failed: run exit 4');

    const snapshot = JSON.parse(await cli(['approvals', 'get', '--node', 'Real Exec Node', '--json']));
    expect(snapshot).toMatchObject({ exists: true, hash: expect.any(String), file: { version: 1 } });
    expect(JSON.stringify(snapshot)).not.toContain('"token"');
  }, 300_000);
});
