import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliMachine } from '../support/cli-machine.js';
import { freePort } from '../support/free-port.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';

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
    const gw = cliMachine('oc-ssh-gw-', { gateway: { port: gatewayPort, bind: 'loopback', auth: { token: TOKEN } } });
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

    // On the gateway host: the request waits (the tunnel arrives from loopback, but is not local), from the address the gateway sees.
    const operatorEnv = { ...gw.env, OPENCLAW_GATEWAY_TOKEN: TOKEN };
    const pending = JSON.parse((await runCli(['nodes', 'pending', '--json'], operatorEnv)).stdout);
    expect(pending).toEqual([expect.objectContaining({ requestId, displayName: 'Build Node', remoteIp: '127.0.0.1', kind: 'device-pairing' })]);
    expect((await runCli(['nodes', 'approve', requestId], operatorEnv)).code).toBe(0);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the node did not connect after approval:\n${node.output()}`)), 30_000);
      const check = () => (/connected to ws:\/\/127\.0\.0\.1:\d+ as node/.test(node.output()) ? (clearTimeout(timer), resolve()) : setTimeout(check, 100));
      check();
    });
    const listed = JSON.parse((await runCli(['nodes', 'status', '--json'], operatorEnv)).stdout);
    expect(listed.nodes).toEqual([expect.objectContaining({ displayName: 'Build Node', paired: true, connected: true, remoteIp: '127.0.0.1' })]);

    // Wrong tokens through the tunnel count towards the lockout like any remote client's.
    const tunnelUrl = `ws://127.0.0.1:${localPort}`;
    const attempt = async (token: string) => {
      const c = await RawClient.open(tunnelUrl);
      await c.challenge();
      c.send(operatorConnect(token, ['operator.read']));
      const res = await c.next((f) => f.type === 'res');
      c.close();
      return res;
    };
    for (let i = 0; i < 10; i++) expect((await attempt(`guess-${i}`)).error.details.code).toBe('AUTH_TOKEN_MISMATCH');
    expect((await attempt(TOKEN)).error.details.code).toBe('AUTH_RATE_LIMITED');
    // Four processes (sshd, ssh, gateway, node host) on a shared machine.
  }, 120_000);
});

describe('silent pairing of local nodes', () => {
  it('approves a node that dialled the gateway directly on loopback, and no node a proxy header or a forwarded port says came from elsewhere', async () => {
    const gw = await startTestGateway();
    cleanups.push(gw.stop);
    const port = new URL(gw.url).port;
    const connectWith = async (headers?: Record<string, string>) => {
      const c = await RawClient.open(gw.url, headers);
      c.send(nodeConnect(await c.challenge(), { token: TEST_TOKEN }));
      const res = await c.next((f) => f.type === 'res');
      c.close();
      return res;
    };
    expect((await connectWith()).ok).toBe(true);
    const relayed: Array<Record<string, string>> = [
      { 'X-Forwarded-For': '203.0.113.9' },
      { Forwarded: 'for=203.0.113.9' },
      { 'X-Real-IP': '203.0.113.9' },
      { Via: '1.1 edge-proxy' },
      // What a client at the far end of `ssh -L 18790:127.0.0.1:<port>` or a port map sends.
      { Host: `127.0.0.1:${Number(port) === 18_790 ? 18_791 : 18_790}` },
      { Host: `gateway.example:${port}` },
    ];
    for (const headers of relayed) {
      const res = await connectWith(headers);
      expect({ headers, ok: res.ok, code: res.error?.details?.code }).toEqual({ headers, ok: false, code: 'PAIRING_REQUIRED' });
    }
    const pending = (await (await fetch(`http://127.0.0.1:${port}/v1/devices`, { headers: { authorization: `Bearer ${TEST_TOKEN}` } })).json()) as { pending: Array<{ remoteIp: string }> };
    expect(pending.pending.map((p) => p.remoteIp)).toEqual(relayed.map(() => '127.0.0.1'));
  });
});
