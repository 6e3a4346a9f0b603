import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliMachine } from '../support/cli-machine.js';
import { freePort } from '../support/free-port.js';
import { shareLocalProof } from '../support/local-proof.js';
import { BIN } from '../support/paths.js';
import { runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';

const TOKEN = 'tls-e2e-token';
const PRINTED_FINGERPRINT = /TLS certificate SHA-256 fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2}) \(([^)]*)\)/;
const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function machine(prefix: string, config?: unknown) {
  const m = cliMachine(prefix, config);
  cleanups.push(m.cleanup);
  return m;
}

function start(args: string[], env: NodeJS.ProcessEnv, ready: RegExp) {
  const p = startProcess(process.execPath, [BIN, ...args], env, ready);
  cleanups.push(p.stop);
  return p;
}

/** A self-signed certificate made by openssl in `dir`, with its SHA-256 as openssl prints it. */
function opensslCertificate(dir: string) {
  const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost', '-days', '1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const fingerprint = /=(.+)$/.exec(execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256', '-in', cert], { encoding: 'utf8' }).trim())![1];
  return { cert, key, fingerprint };
}

async function tlsGateway(config: unknown = { gateway: { auth: { token: TOKEN } } }, args: string[] = ['--tls']) {
  const m = machine('oc-tls-gw-', config);
  const port = await freePort();
  const run = async () => {
    const gateway = start(['gateway', 'run', '--port', String(port), ...args], m.env, PRINTED_FINGERPRINT);
    await gateway.started;
    const [, fingerprint, origin] = PRINTED_FINGERPRINT.exec(gateway.output())!;
    return { gateway, fingerprint, origin };
  };
  return { m, port, url: `wss://127.0.0.1:${port}`, operatorEnv: { ...m.env, OPENCLAW_GATEWAY_TOKEN: TOKEN }, run };
}

/** Polls until the process has exited; resolves its exit code. */
const exited = (child: { exitCode: number | null }) => poll(async () => child.exitCode ?? undefined, 'the node host exiting', { timeoutMs: 30_000 });

describe('TLS with certificate pinning', () => {
  it('generates a self-signed certificate once (key 0600), prints and reports its fingerprint, and a node pinned to it pairs and serves invokes', async () => {
    const gw = await tlsGateway();
    const first = await gw.run();
    expect(first.origin).toMatch(/^self-signed, generated now into /);
    expect(statSync(join(gw.m.state, 'tls', 'gateway-key.pem')).mode & 0o777).toBe(0o600);
    expect(JSON.parse((await runCli(['status', '--json'], gw.operatorEnv)).stdout).gateway).toMatchObject({ url: gw.url, tlsFingerprint: first.fingerprint, listening: true, pendingRequests: 0 });

    // The plain lower-case hex form pins as well as the colon-separated one.
    const plainPin = first.fingerprint.replaceAll(':', '').toLowerCase();
    const nodeMachine = machine('oc-tls-node-');
    // On the gateway's machine: it reads the gateway's local proof and pairs without an operator.
    shareLocalProof(gw.m.state, nodeMachine.state);
    const node = start(['node', 'run', '--host', '127.0.0.1', '--port', String(gw.port), '--tls-fingerprint', plainPin, '--display-name', 'Tls Node'], { ...nodeMachine.env, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /connected to wss:\/\/127\.0\.0\.1:\d+ as node/);
    await node.started;
    expect(JSON.parse(readFileSync(join(nodeMachine.state, 'node.json'), 'utf8')).gateway).toEqual({ host: '127.0.0.1', port: gw.port, tls: true, tlsFingerprint: plainPin });

    // The operator CLI talks to the gateway over the same pinned TLS: it approves the node's commands and invokes one.
    const pinned = ['--url', gw.url, '--tls-fingerprint', first.fingerprint, '--json'];
    const listed = JSON.parse((await runCli(['nodes', 'status', ...pinned], gw.operatorEnv)).stdout);
    expect(listed.nodes).toEqual([expect.objectContaining({ displayName: 'Tls Node', paired: true, connected: true })]);
    const [request] = JSON.parse((await runCli(['nodes', 'pending', ...pinned], gw.operatorEnv)).stdout);
    expect((await runCli(['nodes', 'approve', request.requestId, ...pinned], gw.operatorEnv)).code).toBe(0);
    const invoked = await runCli(['nodes', 'invoke', ...pinned, '--node', 'Tls Node', '--command', 'system.which', '--params', '{"bins":["sh"]}'], gw.operatorEnv);
    expect(invoked).toMatchObject({ code: 0, stdout: expect.stringMatching(/"sh":\s*"\/\S*\/sh"/) });

    // A restart serves the same certificate, so the node's pin stays valid.
    await first.gateway.stop();
    const second = await gw.run();
    expect(second).toMatchObject({ fingerprint: first.fingerprint, origin: expect.stringMatching(/^self-signed, kept in /) });
    // Started again without --tls-fingerprint, the node keeps the pin it saved for this gateway.
    await node.stop();
    const again = start(['node', 'run'], { ...nodeMachine.env, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /connected to wss:\/\/127\.0\.0\.1:\d+ as node/);
    await again.started;
    expect(JSON.parse(readFileSync(join(nodeMachine.state, 'node.json'), 'utf8')).gateway.tlsFingerprint).toBe(plainPin);
    // Two gateway starts, two node hosts and five CLI runs.
  }, 120_000);

  it('a node pinned to another certificate sends nothing to that server, stops with both fingerprints, and does not retry', async () => {
    const m = machine('oc-tls-impostor-');
    const impostor = opensslCertificate(m.dir);
    let connections = 0;
    let requests = 0;
    const server = createServer({ cert: readFileSync(impostor.cert), key: readFileSync(impostor.key) }, (_req, res) => res.end('{}'));
    server.on('connection', () => connections++);
    server.on('request', () => requests++);
    server.on('upgrade', (_req, socket) => (requests++, socket.destroy()));
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const pin = 'AB'.repeat(32);
    const expected = `AB${':AB'.repeat(31)}`;

    const node = start(['node', 'run', '--host', '127.0.0.1', '--port', String(port), '--tls-fingerprint', pin], { ...m.env, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /never/);
    node.started.catch(() => undefined);
    expect(await exited(node.child)).toBe(1);
    expect(node.output()).toContain(`presented TLS certificate ${impostor.fingerprint}, not the pinned ${expected}`);
    expect({ connections, requests }).toEqual({ connections: 1, requests: 0 });

    const operator = await runCli(['nodes', 'status', '--url', `wss://127.0.0.1:${port}`, '--tls-fingerprint', pin, '--json'], { ...m.env, OPENCLAW_GATEWAY_TOKEN: TOKEN });
    expect(operator.code).toBe(1);
    expect(JSON.parse(operator.stdout).error).toEqual({
      code: 'TLS_FINGERPRINT_MISMATCH',
      message: expect.stringContaining(`${impostor.fingerprint}, not the pinned ${expected}`),
      details: expect.objectContaining({ expected }),
    });
    expect(requests).toBe(0);
  });

  it('without a pin, a self-signed gateway is refused with a hint naming the fingerprint to pin, and nothing pairs', async () => {
    const gw = await tlsGateway();
    const { fingerprint } = await gw.run();
    const nodeMachine = machine('oc-tls-node-');
    const node = start(['node', 'run', '--host', '127.0.0.1', '--port', String(gw.port), '--tls'], { ...nodeMachine.env, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /never/);
    node.started.catch(() => undefined);
    expect(await exited(node.child)).toBe(1);
    expect(node.output()).toContain(`pin it with --tls-fingerprint ${fingerprint}`);

    const operator = await runCli(['nodes', 'status', '--url', gw.url, '--json'], gw.operatorEnv);
    expect(JSON.parse(operator.stdout).error).toMatchObject({ code: 'TLS_CERT_UNTRUSTED', message: expect.stringContaining(`pin it with --tls-fingerprint ${fingerprint}`) });
    const devices = JSON.parse((await runCli(['devices', 'list', '--url', gw.url, '--tls-fingerprint', fingerprint, '--json'], gw.operatorEnv)).stdout);
    expect(devices).toMatchObject({ pending: [], paired: [] });
  });

  it('serves the configured certificate and key, and generates none', async () => {
    const dir = machine('oc-tls-cert-');
    const configured = opensslCertificate(dir.dir);
    const gw = await tlsGateway({ gateway: { auth: { token: TOKEN }, tls: { enabled: true, certPath: configured.cert, keyPath: configured.key } } }, []);
    const { fingerprint, origin } = await gw.run();
    expect({ fingerprint, origin }).toEqual({ fingerprint: configured.fingerprint, origin: `from ${configured.cert}` });
    expect(existsSync(join(gw.m.state, 'tls'))).toBe(false);
    const pin = configured.fingerprint.toLowerCase();
    expect(await runCli(['nodes', 'status', '--url', gw.url, '--tls-fingerprint', pin, '--json'], gw.operatorEnv)).toMatchObject({ code: 0, stdout: expect.stringContaining('"nodes": []') });

    // A machine in remote mode pins with gateway.remote.tlsFingerprint; that pin is for that URL only.
    const remote = machine('oc-tls-remote-', { gateway: { mode: 'remote', remote: { url: gw.url, token: TOKEN, tlsFingerprint: pin } } });
    expect(await runCli(['nodes', 'status', '--json'], remote.env)).toMatchObject({ code: 0, stdout: expect.stringContaining('"nodes": []') });
    const otherUrl = await runCli(['nodes', 'status', '--url', gw.url.replace('127.0.0.1', 'localhost'), '--json'], { ...remote.env, OPENCLAW_GATEWAY_TOKEN: TOKEN });
    expect(JSON.parse(otherUrl.stdout).error.code).toBe('TLS_CERT_UNTRUSTED');
  });

  it('status sends the gateway token over TLS only to the certificate the running gateway reported', async () => {
    const m = machine('oc-tls-status-', { gateway: { auth: { token: TOKEN } } });
    const other = opensslCertificate(m.dir);
    const authorizations: Array<string | undefined> = [];
    const server = createServer({ cert: readFileSync(other.cert), key: readFileSync(other.key) }, (req, res) => {
      authorizations.push(req.headers.authorization);
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/health' ? JSON.stringify({ ok: true, version: 'x', uptimeMs: 1, nodes: 0 }) : JSON.stringify({ pending: [] }));
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    // The state dir says a live gateway serves that port with another certificate: the port changed hands.
    const reported = `AB${':AB'.repeat(31)}`;
    const runtime = { version: 1, pid: process.pid, updatedAt: Date.now(), url: `wss://127.0.0.1:${port}`, host: '127.0.0.1', port, bind: 'loopback', tls: true, tlsFingerprint: reported };
    writeFileSync(join(m.state, 'gateway.status.json'), JSON.stringify(runtime), { mode: 0o600 });
    const s = JSON.parse((await runCli(['status', '--json'], { ...m.env, OPENCLAW_GATEWAY_TOKEN: TOKEN })).stdout);
    expect(s.gateway).toMatchObject({ listening: true, tlsFingerprint: other.fingerprint, apiError: expect.stringMatching(`^the token was not sent: .*not the pinned ${reported}`) });
    expect(authorizations.length).toBeGreaterThan(0);
    expect(authorizations).toEqual(authorizations.map(() => undefined));
  });

  it('refuses a malformed pin, or a pin on a plaintext URL, before connecting', async () => {
    const m = machine('oc-tls-flags-');
    const env = { ...m.env, OPENCLAW_GATEWAY_TOKEN: TOKEN };
    expect(await runCli(['node', 'run', '--tls-fingerprint', 'abc'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('--tls-fingerprint must be a SHA-256 fingerprint') });
    const plaintext = await runCli(['nodes', 'status', '--url', 'ws://127.0.0.1:1', '--tls-fingerprint', 'ab'.repeat(32), '--json'], env);
    expect(JSON.parse(plaintext.stdout).error).toMatchObject({ code: 'CLI_USAGE', message: expect.stringContaining('use wss://') });
  });
});
