import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliMachine } from '../support/cli-machine.js';
import { freePort } from '../support/free-port.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';
import { poll } from '../support/poll.js';

const TOKEN = 'ssh-tunnel-e2e-token';
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function start(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp) {
  const p = startProcess(command, args, env, ready);
  cleanups.push(p.stop);
  return p;
}

/**
 * A real OpenSSH server on a free loopback port, for the current user only: throw-away host and
 * client keys, its own config (no PAM, keys only), logging to stderr in the foreground.
 */
async function sshServer(dir: string) {
  const [hostKey, clientKey, authorized] = [join(dir, 'host_ed25519'), join(dir, 'client_ed25519'), join(dir, 'authorized_keys')];
  for (const key of [hostKey, clientKey]) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'openclaw-test', '-f', key]);
  copyFileSync(`${clientKey}.pub`, authorized);
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorized}`,
      'UsePAM no',
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'AllowTcpForwarding local',
      'PermitTTY no',
      '',
    ].join('\n'),
  );
  // sshd started as root checks for its privilege separation directory, which only the service unit creates.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const sshd = start('/usr/sbin/sshd', ['-D', '-e', '-f', config], { PATH: process.env.PATH }, /Server listening on 127\.0\.0\.1 port/);
  await sshd.started;
  return { port, clientKey };
}

describe('a loopback-bound gateway reached through an SSH tunnel', () => {
  it("runs the two-terminal flow: the node connects through `ssh -N -L`, shows its loopback address, and pairs only when the operator approves", async () => {
    const ssh = cliMachine('oc-ssh-');
    cleanups.push(ssh.cleanup);
    const server = await sshServer(ssh.dir);
    const gatewayPort = await freePort();
    const gw = cliMachine('oc-ssh-gw-', { gateway: { port: gatewayPort, bind: 'loopback', auth: { token: TOKEN }, nodes: { pairing: { requireCode: true } } } });
    cleanups.push(gw.cleanup);
    await start(process.execPath, [BIN, 'gateway', 'run'], gw.env, /listening on ws:\/\/127\.0\.0\.1:/).started;

    // Terminal A: forward a local port to the gateway's loopback port.
    const localPort = await freePort();
    const sshArgs = ['-v', '-N', '-L', `${localPort}:127.0.0.1:${gatewayPort}`, '-p', String(server.port), '-i', server.clientKey];
    const sshOptions = ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', 'ExitOnForwardFailure=yes'];
    const tunnel = start('ssh', [...sshArgs, ...sshOptions, `${userInfo().username}@127.0.0.1`], { PATH: process.env.PATH, HOME: ssh.dir }, new RegExp(`Local forwarding listening on 127\\.0\\.0\\.1 port ${localPort}`));
    await tunnel.started;

    // Terminal B: the token in the environment, the node host pointed at the tunnel.
    const nodeMachine = cliMachine('oc-ssh-node-');
    cleanups.push(nodeMachine.cleanup);
    const node = start(process.execPath, [BIN, 'node', 'run', '--host', '127.0.0.1', '--port', String(localPort), '--display-name', 'Build Node'], { ...nodeMachine.env, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /waiting for approval on the gateway: run `openclaw nodes approve (\S+)`/);
    await node.started;
    const requestId = /openclaw nodes approve (\S+)`/.exec(node.output())![1];
    const code = /verification code (\d{4}-\d{4})/.exec(node.output())![1];

    // On the gateway host: the request waits (the tunnel arrives from loopback, but is not local), from the address the gateway sees.
    const operatorEnv = { ...gw.env, OPENCLAW_GATEWAY_TOKEN: TOKEN };
    const pending = JSON.parse((await runCli(['nodes', 'pending', '--json'], operatorEnv)).stdout);
    expect(pending).toEqual([expect.objectContaining({ requestId, displayName: 'Build Node', remoteIp: '127.0.0.1', kind: 'device-pairing' })]);
    // requireCode holds for it: the gateway cannot tell the far end of a tunnel from a stranger.
    const uncoded = await runCli(['nodes', 'approve', requestId], operatorEnv);
    expect(uncoded.code).not.toBe(0);
    expect(uncoded.stderr).toContain('verification code required');
    expect((await runCli(['nodes', 'approve', requestId, '--code', code], operatorEnv)).code).toBe(0);
    await poll(() => {
      if (!/connected to ws:\/\/127\.0\.0\.1:\d+ as node/.test(node.output())) throw new Error(`its output so far:\n${node.output()}`);
      return true;
    }, 'the node connecting after approval', { timeoutMs: 30_000 });
    const listed = JSON.parse((await runCli(['nodes', 'status', '--json'], operatorEnv)).stdout);
    expect(listed.nodes).toEqual([expect.objectContaining({ displayName: 'Build Node', paired: true, connected: true, remoteIp: '127.0.0.1' })]);

    // A client at the far end of the tunnel that writes the Host a local client would send is
    // still a stranger: its node waits for an operator, who must type the code.
    const tunnelUrl = `ws://127.0.0.1:${localPort}`;
    const forgedHost = { Host: `127.0.0.1:${gatewayPort}` };
    const forger = await RawClient.open(tunnelUrl, forgedHost);
    forger.send(nodeConnect(await forger.challenge(), { token: TOKEN, displayName: 'Forged Host' }));
    const forged = await forger.next((f) => f.type === 'res');
    forger.close();
    expect(forged.error.details).toMatchObject({ code: 'PAIRING_REQUIRED' });
    const forgedRequest = forged.error.details.requestId as string;
    const approveForged = await runCli(['nodes', 'approve', forgedRequest], operatorEnv);
    expect(approveForged.stderr).toContain('verification code required');
    expect((await runCli(['nodes', 'reject', forgedRequest], operatorEnv)).code).toBe(0);

    // Wrong tokens through the tunnel count towards the lockout like any remote client's, forged Host or not.
    const attempt = async (token: string) => {
      const c = await RawClient.open(tunnelUrl, forgedHost);
      await c.challenge();
      c.send(operatorConnect(token, ['operator.read']));
      const res = await c.next((f) => f.type === 'res');
      c.close();
      return res;
    };
    for (let i = 0; i < 10; i++) expect((await attempt(`guess-${i}`)).error.details.code).toBe('AUTH_TOKEN_MISMATCH');
    expect((await attempt(TOKEN)).error.details.code).toBe('AUTH_RATE_LIMITED');

    // The flood holds the tunnel's address, but not the paired node: restarted, it signs its
    // connect with its paired key and gets back in through the same tunnel.
    await node.stop();
    const again = start(process.execPath, [BIN, 'node', 'run', '--host', '127.0.0.1', '--port', String(localPort), '--display-name', 'Build Node'], { ...nodeMachine.env, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /connected to ws:\/\/127\.0\.0\.1:\d+ as node|too many failed attempts/);
    await again.started;
    expect(again.output()).toMatch(/connected to ws:\/\/127\.0\.0\.1:\d+ as node/);
    // Four processes (sshd, ssh, gateway, node host) on a shared machine.
  }, 120_000);
});

describe('silent pairing of local nodes', () => {
  it('approves a node that shows the local proof on a direct loopback connection, and no node that lacks it, forges the Host, or comes through a proxy', async () => {
    const gw = await startTestGateway();
    cleanups.push(gw.stop);
    const port = new URL(gw.url).port;
    const connectWith = async (headers?: Record<string, string>, localProof = true) => {
      const c = await RawClient.open(gw.url, headers, { localProof });
      c.send(nodeConnect(await c.challenge(), { token: TEST_TOKEN }));
      const res = await c.next((f) => f.type === 'res');
      c.close();
      return res;
    };
    expect((await connectWith()).ok).toBe(true);
    const strangers: Array<{ headers: Record<string, string>; localProof: boolean }> = [
      // The proof, relayed by a proxy for someone else.
      { headers: { 'X-Forwarded-For': '203.0.113.9' }, localProof: true },
      { headers: { Forwarded: 'for=203.0.113.9' }, localProof: true },
      { headers: { 'X-Real-IP': '203.0.113.9' }, localProof: true },
      { headers: { Via: '1.1 edge-proxy' }, localProof: true },
      // No proof: a raw loopback client, one that writes the Host a local client sends, a wrong proof.
      { headers: {}, localProof: false },
      { headers: { Host: `127.0.0.1:${port}` }, localProof: false },
      { headers: { Host: `localhost:${port}`, 'X-OpenClaw-Local-Proof': '0'.repeat(64) }, localProof: false },
    ];
    for (const { headers, localProof } of strangers) {
      const res = await connectWith(headers, localProof);
      expect({ headers, ok: res.ok, code: res.error?.details?.code }).toEqual({ headers, ok: false, code: 'PAIRING_REQUIRED' });
    }
    const pending = (await (await fetch(`http://127.0.0.1:${port}/v1/devices`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })).json()) as { pending: Array<{ remoteIp: string }> };
    expect(pending.pending.map((p) => p.remoteIp)).toEqual(strangers.map(() => '127.0.0.1'));
  });

  it('pairs the honest node host sharing the gateway state dir silently, and a proof kept from before a gateway restart counts for nothing', async () => {
    const port = await freePort();
    const m = cliMachine('oc-local-proof-', { gateway: { port, bind: 'loopback', auth: { token: TOKEN } } });
    cleanups.push(m.cleanup);
    const env = { ...m.env, OPENCLAW_GATEWAY_TOKEN: TOKEN };
    const first = start(process.execPath, [BIN, 'gateway', 'run'], env, /listening on ws:\/\/127\.0\.0\.1:/);
    await first.started;
    const proofFile = join(m.state, 'gateway', 'local-proof.json');
    expect(statSync(proofFile).mode & 0o777).toBe(0o600);
    const stale = JSON.parse(readFileSync(proofFile, 'utf8')).secret as string;

    // The node host of this machine: same state dir, dials the gateway's own port.
    const node = start(process.execPath, [BIN, 'node', 'run', '--host', '127.0.0.1', '--port', String(port), '--display-name', 'Local Node'], env, /connected to ws:\/\/127\.0\.0\.1:\d+ as node|waiting for approval/);
    await node.started;
    expect(node.output()).toMatch(/connected to ws:\/\/127\.0\.0\.1:\d+ as node/);
    await node.stop();

    await first.stop();
    expect(existsSync(proofFile)).toBe(false);
    const second = start(process.execPath, [BIN, 'gateway', 'run'], env, /listening on ws:\/\/127\.0\.0\.1:/);
    await second.started;
    expect(JSON.parse(readFileSync(proofFile, 'utf8')).secret).not.toBe(stale);
    const c = await RawClient.open(`ws://127.0.0.1:${port}`, { 'X-OpenClaw-Local-Proof': stale }, { localProof: false });
    c.send(nodeConnect(await c.challenge(), { token: TOKEN, displayName: 'Stale Proof' }));
    const res = await c.next((f) => f.type === 'res');
    c.close();
    expect(res.error?.details?.code).toBe('PAIRING_REQUIRED');
  }, 60_000);
});
