import { execFileSync, spawnSync } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = 'status-e2e-token';
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A machine: its own state dir (and config, when given), no service manager reachable. */
function machine(config?: unknown) {
  const dir = tempDir('oc-status-');
  cleanups.push(dir.cleanup);
  const state = join(dir.path, 'state');
  mkdirSync(state, { mode: 0o700 });
  mkdirSync(join(dir.path, 'runtime'));
  if (config !== undefined) writeFileSync(join(state, 'openclaw.json'), typeof config === 'string' ? config : JSON.stringify(config), { mode: 0o600 });
  const env = { PATH: process.env.PATH, HOME: dir.path, XDG_CONFIG_HOME: join(dir.path, 'config'), XDG_RUNTIME_DIR: join(dir.path, 'runtime'), OPENCLAW_STATE_DIR: state };
  return { state, env, status: async (json = true) => runCli(['status', ...(json ? ['--json'] : [])], env) };
}

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return port;
}

describe('openclaw status', () => {
  it('answers usefully on a node-only machine: no gateway here, the gateway node.json points at, no host running', async () => {
    const m = machine();
    writeFileSync(join(m.state, 'node.json'), JSON.stringify({ version: 1, nodeId: 'n-1', displayName: 'Build Node', gateway: { host: 'gw.example', port: 18790, tls: false } }), { mode: 0o600 });
    // A runtime file left by a node host that was killed: its pid no longer runs.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(m.state, 'node-host.status.json'), JSON.stringify({ version: 1, pid: deadPid, status: 'connected', url: 'ws://gw.example:18790', updatedAt: 1, plugins: [] }));
    const before = readdirSync(m.state, { recursive: true });
    const r = await m.status();
    expect(r.code).toBe(0);
    expect(readdirSync(m.state, { recursive: true })).toEqual(before);
    const s = JSON.parse(r.stdout);
    expect(s.gateway).toMatchObject({ configured: false, listening: false });
    expect(s.node).toEqual({
      configured: true,
      gateway: { host: 'gw.example', port: 18790, tls: false },
      // A node.json from before several gateways reads as a list of one.
      gateways: [{ host: 'gw.example', port: 18790, tls: false, paired: false }],
      displayName: 'Build Node',
      pairing: 'not paired',
      process: { running: false },
    });
    expect(s.plugins).toMatchObject({ from: 'inspection', list: [expect.objectContaining({ name: 'system', status: 'ok' })] });
    expect(s.services).toMatchObject({ node: { installed: false }, gateway: { installed: false } });
    const human = (await m.status(false)).stdout;
    expect(human).toMatch(/Gateway\n {2}Not running here: nothing answers on ws:\/\/127\.0\.0\.1:18789 \(no gateway configured on this machine\)/);
    expect(human).toMatch(/Node host\n {2}Gateway: ws:\/\/gw\.example:18790\n {2}Display name: Build Node\n {2}Process: not running\n {2}Pairing: not paired/);
  });

  it('lists every problem of an invalid config and still reports the rest', async () => {
    const m = machine({ gateway: { port: 'x' }, bogus: 1 });
    const r = await m.status();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config).toEqual({ path: join(m.state, 'openclaw.json'), source: 'state-dir', problems: ['gateway.port: expected number, received string "x"', 'bogus: unknown key'] });
    expect((await m.status(false)).stdout).toContain('Config problems (defaults used below):\n  - gateway.port: expected number, received string "x"');
  });

  it('shows a running TLS gateway: its wss:// address, the fingerprint of the certificate it serves, and its pending requests', async () => {
    const m = machine();
    const [cert, key] = [join(m.state, 'cert.pem'), join(m.state, 'key.pem')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const expected = /=(.+)$/.exec(execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', cert], { encoding: 'utf8' }).trim())![1];
    writeFileSync(join(m.state, 'openclaw.json'), JSON.stringify({ gateway: { auth: { token: TOKEN }, tls: { enabled: true, certPath: cert, keyPath: key } } }), { mode: 0o600 });
    // Started on another port than the config's: status finds it through the gateway's own status file.
    const port = await freePort();
    const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], m.env, /listening on/);
    cleanups.push(gateway.stop);
    await gateway.started;
    const s = JSON.parse((await m.status()).stdout);
    expect(s.gateway).toMatchObject({ configured: true, listening: true, url: `wss://127.0.0.1:${port}`, tlsFingerprint: expected, connectedNodes: 0, pendingRequests: 0 });
    expect((await m.status(false)).stdout).toContain(`TLS fingerprint: ${expected}`);
    await gateway.stop();
    expect(JSON.parse((await m.status()).stdout).gateway).toMatchObject({ listening: false, url: 'wss://127.0.0.1:18789' });
  });

  it('prints the approve command that works under requireCode, and the gateway machine\'s CLI finds a gateway started with --port', async () => {
    const port = await freePort();
    const gw = machine({ gateway: { auth: { token: TOKEN }, nodes: { pairing: { requireCode: true } } } });
    const gatewayEnv = { ...gw.env, OPENCLAW_GATEWAY_TOKEN: TOKEN };
    const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port)], gatewayEnv, /listening on/);
    cleanups.push(gateway.stop);
    await gateway.started;
    // A node that cannot prove it is on the gateway's machine: its pairing waits for an operator and the code.
    const node = machine();
    const host = startProcess(process.execPath, [BIN, 'node', 'run', '--host', '127.0.0.1', '--port', String(port), '--display-name', 'Coded Node'], { ...node.env, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /verification code (\d{4}-\d{4})/);
    cleanups.push(host.stop);
    await host.started;
    const code = /verification code (\d{4}-\d{4})/.exec(host.output())![1];
    const waiting = await poll(async () => {
      const view = JSON.parse((await node.status()).stdout).node;
      return view.pairing === 'waiting-approval' ? view : undefined;
    }, 'status showing the node waiting');
    expect(waiting.approveCommand).toMatch(new RegExp(`^openclaw nodes approve \\S+ --code ${code}$`));
    expect((await node.status(false)).stdout).toContain(waiting.approveCommand);

    // On the gateway machine, no --url: the CLI reaches the gateway where its status file says.
    const pending = JSON.parse((await runCli(['nodes', 'pending', '--json'], gatewayEnv)).stdout);
    expect(pending).toEqual([expect.objectContaining({ displayName: 'Coded Node', verificationCode: code })]);
    // Every listing of the request shows the code: the devices view too, and the gateway's log line.
    const devices = JSON.parse((await runCli(['devices', 'list', '--json'], gatewayEnv)).stdout);
    expect(devices.pending).toEqual([expect.objectContaining({ displayName: 'Coded Node', verificationCode: code })]);
    expect((await runCli(['devices', 'list'], gatewayEnv)).stdout).toContain(code);
    expect(gateway.output()).toContain(`openclaw nodes approve ${pending[0].requestId} --code ${code}`);
    const gwStatus = JSON.parse((await runCli(['status', '--json'], gatewayEnv)).stdout).gateway;
    expect(gwStatus).toMatchObject({ pendingRequests: 1, pending: [{ requestId: pending[0].requestId, displayName: 'Coded Node', kind: 'device-pairing', verificationCode: code }] });
    expect((await runCli(['status'], gatewayEnv)).stdout).toContain(`Coded Node (device-pairing, verification code ${code}): openclaw nodes approve ${pending[0].requestId} --code ${code}`);
    const args = (waiting.approveCommand as string).split(' ').slice(1);
    const approved = await runCli(args, gatewayEnv);
    expect({ code: approved.code, stderr: approved.stderr }).toEqual({ code: 0, stderr: '' });
    await poll(async () => (/connected to ws:\/\/127\.0\.0\.1:\d+ as node/.test(host.output()) ? true : undefined), 'the node connecting after approval');
  });

  it('leaves an existing state dir open to others as it is (config set writes into it) and warns about it', async () => {
    const m = machine();
    chmodSync(m.state, 0o755);
    expect((await runCli(['config', 'set', 'gateway.port', '18790'], m.env)).code).toBe(0);
    expect(statSync(m.state).mode & 0o777).toBe(0o755);
    const warning = `the state dir ${m.state} is open to other users (mode 0755) and holds keys and tokens; run: chmod 700 '${m.state}'`;
    expect(JSON.parse((await m.status()).stdout).stateDirWarning).toBe(warning);
    expect((await m.status(false)).stdout).toContain(`Warning: ${warning}`);
    chmodSync(m.state, 0o700);
    expect(JSON.parse((await m.status()).stdout).stateDirWarning).toBeUndefined();
  });

  it('never sends the gateway token to a process squatting the configured port', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const squatter = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/health' ? JSON.stringify({ ok: true, version: 'x', uptimeMs: 1, nodes: 0 }) : JSON.stringify({ pending: [] }));
    });
    const port = await listen(squatter);
    const m = machine({ gateway: { port, auth: { token: TOKEN } } });
    const s = JSON.parse((await runCli(['status', '--json'], { ...m.env, OPENCLAW_GATEWAY_TOKEN: TOKEN })).stdout);
    expect(s.gateway).toMatchObject({ listening: true, apiError: expect.stringContaining('token was not sent') });
    expect(s.gateway.pendingRequests).toBeUndefined();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.map((h) => h.authorization)).toEqual(seen.map(() => undefined));
  });

  it('gives up on a port that accepts and never answers, and says nothing answers there', async () => {
    const held: Socket[] = [];
    const silent = createTcpServer((socket) => void held.push(socket));
    const port = await listen(silent);
    // Before the server's close, which waits for its connections.
    cleanups.push(() => held.forEach((socket) => socket.destroy()));
    const m = machine({ gateway: { port } });
    const r = await m.status();
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).gateway).toMatchObject({ listening: false, url: `ws://127.0.0.1:${port}` });
  });
});
