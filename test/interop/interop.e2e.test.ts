import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { ourCli, poll, realCli, realEnv, scratchArea, startNode, startOurGateway, startRealGateway } from './real-openclaw.js';

const TOKEN = 'interop-shared-token';
const UNAME = execFileSync('sh', ['-c', 'command -v uname'], { encoding: 'utf8' }).trim();
const scratch = scratchArea();
afterAll(() => scratch.cleanup());

describe('interop with the real OpenClaw 2026.9.6', () => {
  it('(a) the real node host pairs with our gateway and serves our CLI; the real CLI lists it', async () => {
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    const { env: ourEnv } = await startOurGateway(scratch, port, TOKEN);
    await startNode(scratch, 'real', port, TOKEN, 'Real Node');

    const cli = (args: string[]) => ourCli([...args, '--url', url, '--token', TOKEN], ourEnv);
    // The real node host cannot show our gateway's local proof: an operator pairs it, as a remote node.
    await poll(async () => {
      const pending = JSON.parse(await cli(['nodes', 'pending', '--json'])) as Array<{ requestId: string; displayName: string; kind: string }>;
      for (const p of pending.filter((r) => r.displayName === 'Real Node')) await cli(['nodes', 'approve', p.requestId]);
      const { nodes } = JSON.parse(await cli(['nodes', 'status', '--json'])) as { nodes: Array<{ displayName: string; connected: boolean; commands: string[] }> };
      return nodes.find((n) => n.displayName === 'Real Node' && n.connected && n.commands.includes('system.which'));
    }, 'the real node paired by an operator and serving system.which', { timeoutMs: 60_000 });

    const result = JSON.parse(await cli(['nodes', 'invoke', '--node', 'Real Node', '--command', 'system.which', '--params', '{"bins":["uname"]}']));
    expect(result).toMatchObject({ ok: true, command: 'system.which', payload: { bins: { uname: UNAME } } });

    const status = JSON.parse(await realCli(['nodes', 'status', '--json', '--url', url, '--token', TOKEN], realEnv(scratch.dir('oc-real-cli-'))));
    const listed = status.nodes.find((n: { displayName: string }) => n.displayName === 'Real Node');
    expect(listed).toMatchObject({ connected: true, paired: true, nodeId: result.nodeId });
    expect(listed.commands).toContain('system.which');
  }, 180_000);

  it('(b) our node host pairs with the real gateway and answers the real CLI', async () => {
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    await startRealGateway(scratch, port, TOKEN);
    await startNode(scratch, 'ours', port, TOKEN, 'Our Node');

    const cliEnv = realEnv(scratch.dir('oc-real-cli-'));
    const real = (args: string[]) => realCli([...args, '--url', url, '--token', TOKEN], cliEnv);
    const request = await poll(async () => {
      const pending = JSON.parse(await real(['nodes', 'pending', '--json'])) as Array<{ requestId: string; displayName: string }>;
      return pending.find((p) => p.displayName === 'Our Node');
    }, 'a pending request from our node on the real gateway', { timeoutMs: 30_000 });
    await real(['nodes', 'approve', request.requestId]);

    const result = JSON.parse(await real(['nodes', 'invoke', '--node', 'Our Node', '--command', 'system.which', '--params', '{"bins":["uname"]}']));
    expect(result).toMatchObject({ ok: true, command: 'system.which', payload: { bins: { uname: UNAME } } });
  }, 240_000);
});
