import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { ourCli, runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = 'cli-e2e-token';
const stops: Array<() => Promise<void> | void> = [];
let url: string;
let port: number;
let gwEnv: NodeJS.ProcessEnv;
let cliEnv: NodeJS.ProcessEnv;
let gateway: ReturnType<typeof startProcess>;

const cli = (...args: string[]) => ourCli([...args, '--url', url], cliEnv);
const cliJson = async (...args: string[]) => JSON.parse(await cli(...args, '--json'));

function startGateway() {
  gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], gwEnv, /listening on/);
  return gateway.started;
}

beforeAll(async () => {
  const gwDir = tempDir('oc-cli-gw-');
  const nodeDir = tempDir('oc-cli-node-');
  const cliDir = tempDir('oc-cli-');
  stops.push(gwDir.cleanup, nodeDir.cleanup, cliDir.cleanup);
  // Local auto-approval off: the node must wait for an operator, as a remote node would.
  writeFileSync(join(gwDir.path, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN }, nodes: { pairing: { autoApproveLocal: false } } } }), { mode: 0o600 });
  port = await freePort();
  url = `ws://127.0.0.1:${port}`;
  gwEnv = { ...process.env, OPENCLAW_STATE_DIR: gwDir.path };
  cliEnv = { ...process.env, OPENCLAW_STATE_DIR: cliDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN };
  await startGateway();
  const node = startProcess(process.execPath, [BIN, 'node', 'run', '--port', String(port), '--display-name', 'Build Node'], { ...process.env, OPENCLAW_STATE_DIR: nodeDir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /waiting for approval/);
  stops.push(node.stop);
  await node.started;
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
  while (stops.length) await stops.pop()!();
});

describe('openclaw nodes against real gateway and node processes', () => {
  let nodeId: string;

  it('shows a waiting node in one pending view and approves it with one command', async () => {
    const pending = await cliJson('nodes', 'pending');
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ kind: 'device-pairing', displayName: 'Build Node', commands: expect.arrayContaining(['system.which']) });
    const human = await cli('nodes', 'pending');
    expect(human).toContain(pending[0].requestId);
    expect(human).toContain('device pairing');

    const approved = JSON.parse(await cli('nodes', 'approve', pending[0].requestId));
    nodeId = approved.node.nodeId;
    expect(approved.node.commands).toEqual(pending[0].commands);

    // The node keeps retrying while it waits, so it comes back by itself and is usable at once.
    const result = await poll(async () => {
      const r = await runCli(['nodes', 'invoke', '--url', url, '--node', 'build node', '--command', 'system.which', '--params', '{"bins":["sh"]}'], cliEnv);
      return r.code === 0 ? JSON.parse(r.stdout) : undefined;
    }, 'the approved node answering');
    expect(result).toMatchObject({ ok: true, nodeId, payload: { bins: { sh: expect.stringMatching(/\/sh$/) } } });
    expect(await cliJson('nodes', 'pending')).toEqual([]);
  });

  it('lists, describes and renames the node, resolving it by id prefix', async () => {
    const status = await cliJson('nodes', 'status');
    expect(status.nodes).toHaveLength(1);
    expect(status.nodes[0]).toMatchObject({ nodeId, displayName: 'Build Node', connected: true, paired: true, approvalState: 'approved', remoteIp: '127.0.0.1' });
    expect(await cli('nodes', 'status')).toMatch(/Known: 1 · Paired: 1 · Connected: 1/);

    const described = await cli('nodes', 'describe', '--node', nodeId.slice(0, 8));
    expect(described).toMatch(/Commands\n(- [a-z.A-Z]+\n)*- system\.which\n/);

    expect(await cli('nodes', 'rename', '--node', nodeId.slice(0, 8), '--name', 'Renamed Node')).toBe(`node rename ok: ${nodeId} -> Renamed Node\n`);
    expect((await cliJson('nodes', 'describe', '--node', 'renamed-node')).displayName).toBe('Renamed Node');
    const devices = await cliJson('devices', 'list');
    expect(devices.paired.map((d: { deviceId: string }) => d.deviceId)).toContain(nodeId);
  });

  it('fails with "nodes <sub> failed: <message>" and exit 1, or JSON with --json', async () => {
    const unknown = await runCli(['nodes', 'describe', '--url', url, '--node', 'nosuch'], cliEnv);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('nodes describe failed: unknown node: nosuch (known: Renamed Node)');

    const denied = await runCli(['nodes', 'invoke', '--url', url, '--node', nodeId, '--command', 'camera.snap'], cliEnv);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('nodes invoke failed: node command not allowed: "camera.snap" requires explicit gateway.nodes.commands.allow opt-in');

    const badToken = await runCli(['nodes', 'status', '--url', url, '--token', 'wrong', '--json'], cliEnv);
    expect(badToken.code).toBe(1);
    expect(JSON.parse(badToken.stdout)).toMatchObject({ ok: false, error: { code: 'AUTH_TOKEN_MISMATCH' } });

    const badParams = await runCli(['nodes', 'invoke', '--url', url, '--node', nodeId, '--command', 'system.which', '--params', '{nope'], cliEnv);
    expect(badParams.stderr.trim()).toBe('nodes invoke failed: --params must be valid JSON.');

    const missing = await runCli(['nodes', 'describe', '--url', url], cliEnv);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--node <idOrNameOrIp>' not specified");
  });

  // How soon it is back is a figure of bench/failover.bench.js; here it must come back by itself.
  it('gets the node back, with the same id, after a gateway restart', async () => {
    await gateway.stop();
    await startGateway();
    const back = await poll(async () => {
      const r = await runCli(['nodes', 'invoke', '--url', url, '--node', nodeId, '--command', 'system.which', '--params', '{"bins":["sh"]}', '--invoke-timeout', '1000'], cliEnv);
      return r.code === 0 ? JSON.parse(r.stdout) : undefined;
    }, 'the node answering after a gateway restart');
    expect(back.nodeId).toBe(nodeId);
  });

  it('removes the node: it is disconnected and no longer listed as paired', async () => {
    expect(await cli('nodes', 'remove', '--node', nodeId)).toBe(`Removed node ${nodeId}\n`);
    const status = await cliJson('nodes', 'status');
    expect(status.nodes.filter((n: { paired: boolean }) => n.paired)).toEqual([]);
  });
});
