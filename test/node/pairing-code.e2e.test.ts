import { networkInterfaces } from 'node:os';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDeviceIdentity, pairingCode } from '@openclaw-nodes/core/identity';
import { freePort } from '../support/free-port.js';
import { RawClient, nodeConnect } from '../support/raw-client.js';
import { BIN } from '../support/paths.js';
import { ourCli, runCli, startProcess } from '../support/processes.js';
import { poll } from '../support/poll.js';
import { shareLocalProof } from '../support/local-proof.js';
import { tempDir } from '../support/temp-dir.js';

const TOKEN = 'pairing-code-token';
// An address of this machine that is not loopback: a node connecting to it is "remote".
const LAN_IP = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

const stops: Array<() => Promise<void> | void> = [];
let port: number;
let gwDir: string;
let gwEnv: NodeJS.ProcessEnv;
let gatewayOutput: () => string;

const cli = (...args: string[]) => ourCli([...args, '--url', `ws://127.0.0.1:${port}`], gwEnv);
const cliRun = (...args: string[]) => runCli([...args, '--url', `ws://127.0.0.1:${port}`], gwEnv);
const pendingFor = (name: string) =>
  poll(async () => (JSON.parse(await cli('nodes', 'pending', '--json')) as any[]).find((p) => p.displayName === name && p.kind === 'device-pairing'), `${name} asking to pair`);

/** A node host with its own state dir; `sameMachine` lets it read the gateway's local proof, as a shared state dir would. */
async function startNode(name: string, host: string, sameMachine = false) {
  const dir = tempDir('oc-code-node-');
  stops.push(dir.cleanup);
  if (sameMachine) shareLocalProof(gwDir, dir.path);
  const node = startProcess(process.execPath, [BIN, 'node', 'run', '--host', host, '--port', String(port), '--display-name', name], { ...process.env, OPENCLAW_STATE_DIR: dir.path, OPENCLAW_GATEWAY_TOKEN: TOKEN }, /verification code \d{4}-\d{4}/);
  stops.push(node.stop);
  await node.started;
  return node;
}

beforeAll(async () => {
  const dir = tempDir('oc-code-gw-');
  stops.push(dir.cleanup);
  gwDir = dir.path;
  const config = { gateway: { auth: { token: TOKEN }, nodes: { pairing: { requireCode: true, autoApproveLocal: false } } } };
  writeFileSync(join(gwDir, 'openclaw.json'), JSON.stringify(config), { mode: 0o600 });
  port = await freePort();
  gwEnv = { ...process.env, OPENCLAW_STATE_DIR: gwDir, OPENCLAW_GATEWAY_TOKEN: TOKEN, NO_COLOR: '1' };
  const gateway = startProcess(process.execPath, [BIN, 'gateway', 'run', '--port', String(port), '--bind', 'custom', '--host', '0.0.0.0'], gwEnv, /listening on/);
  stops.push(gateway.stop);
  gatewayOutput = gateway.output;
  await gateway.started;
}, 60_000);
afterAll(async () => {
  while (stops.length) await stops.pop()!();
});

describe('pairing verification code (gateway.nodes.pairing.requireCode)', () => {
  it('keeps a gateway key of its own in the state dir, mode 0600', () => {
    expect(statSync(join(gwDir, 'identity', 'gateway.json')).mode & 0o777).toBe(0o600);
  });

  it.skipIf(LAN_IP === undefined)('a remote node prints the code nodes pending shows; approval needs it and refuses a wrong one', async () => {
    const node = await startNode('Remote Node', LAN_IP!);
    const printed = /verification code (\d{4}-\d{4})/.exec(node.output())![1];
    const request = await pendingFor('Remote Node');
    expect(request).toMatchObject({ remoteIp: LAN_IP, verificationCode: printed });
    expect(await cli('nodes', 'pending')).toContain(printed);
    // The gateway's terminal says it too, next to the approve command.
    expect(gatewayOutput()).toContain(`verification code ${printed}`);

    const without = await cliRun('nodes', 'approve', request.requestId);
    expect(without.code).not.toBe(0);
    expect(without.stderr).toContain('verification code required');
    const wrong = printed === '0000-0000' ? '1111-1111' : '0000-0000';
    const mismatch = await cliRun('nodes', 'approve', request.requestId, '--code', wrong);
    expect(mismatch.code).not.toBe(0);
    expect(mismatch.stderr).toContain('verification code mismatch');
    // Every way of approving a node checks it: the devices view and HTTP too.
    const viaDevices = await fetch(`http://127.0.0.1:${port}/v1/devices/requests/${request.requestId}/approve`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(viaDevices.status).toBe(403);
    expect(await viaDevices.json()).toMatchObject({ error: { code: 'PAIRING_CODE_REQUIRED' } });
    expect(JSON.parse(await cli('nodes', 'pending', '--json')).some((p: any) => p.requestId === request.requestId)).toBe(true);

    await cli('nodes', 'approve', request.requestId, '--code', printed.replace('-', ' '));
    await poll(async () => (JSON.parse(await cli('nodes', 'status', '--json')).nodes as any[]).find((n) => n.displayName === 'Remote Node' && n.connected), 'the remote node connected');
  });

  it('a loopback node that cannot show the local proof needs the code like a remote one', async () => {
    // What a client at the far end of a tunnel or TCP proxy to the gateway's port looks like.
    const node = await startNode('Loopback Stranger', '127.0.0.1');
    const printed = /verification code (\d{4}-\d{4})/.exec(node.output())![1];
    const request = await pendingFor('Loopback Stranger');
    expect(request).toMatchObject({ remoteIp: '127.0.0.1', verificationCode: printed });
    const without = await cliRun('nodes', 'approve', request.requestId);
    expect(without.code).not.toBe(0);
    expect(without.stderr).toContain('verification code required');
    await cli('nodes', 'approve', request.requestId, '--code', printed);
  });

  it('a local node (loopback, with the local proof) is approved without the code, but a wrong code is still refused', async () => {
    const node = await startNode('Local Node', '127.0.0.1', true);
    const printed = /verification code (\d{4}-\d{4})/.exec(node.output())![1];
    const request = await pendingFor('Local Node');
    expect(request.verificationCode).toBe(printed);
    const wrong = printed === '0000-0000' ? '1111-1111' : '0000-0000';
    const mismatch = await fetch(`http://127.0.0.1:${port}/v1/pairing/${request.requestId}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ code: wrong }),
    });
    expect(mismatch.status).toBe(403);
    expect(await mismatch.json()).toMatchObject({ error: { code: 'PAIRING_CODE_MISMATCH' } });
    await cli('nodes', 'approve', request.requestId);
  });

  it('a node asking from loopback through a proxy counts as remote and needs the code; the gateway key it gets gives the gateway\'s code', async () => {
    const identity = generateDeviceIdentity();
    const ws = await RawClient.open(`ws://127.0.0.1:${port}`, { 'x-forwarded-for': '203.0.113.7' });
    stops.push(() => ws.close());
    ws.send(nodeConnect(await ws.challenge(), { token: TOKEN, identity, displayName: 'Proxied Node' }));
    const refused = await ws.next((f) => f.type === 'res');
    expect(refused.error).toMatchObject({ code: 'NOT_PAIRED', details: { code: 'PAIRING_REQUIRED', gatewayPublicKey: expect.any(String) } });
    const request = await pendingFor('Proxied Node');
    expect(request.verificationCode).toBe(pairingCode(refused.error.details.gatewayPublicKey, identity.publicKey));
    const without = await cliRun('nodes', 'approve', request.requestId);
    expect(without.code).not.toBe(0);
    expect(without.stderr).toContain('verification code required');
  });

  it('a display name with invisible and reordering characters reaches neither the status view nor the log raw', async () => {
    const name = 'Spoof\u202eexe.txt\u2066\u200b\u061c\u2028Node';
    const client = await RawClient.open(`ws://127.0.0.1:${port}`, undefined, { localProof: false });
    client.send(nodeConnect(await client.challenge(), { token: TOKEN, displayName: name }));
    const request = await pendingFor(name);
    const status = await ourCli(['status'], gwEnv);
    expect(status).toContain(`Spoof?exe.txt????Node (device-pairing, verification code ${request.verificationCode})`);
    expect(status).not.toMatch(/[\u202e\u2066\u200b\u061c\u2028]/);
    await poll(async () => gatewayOutput().includes('pairing requested by Spoof'), 'the pairing request logged');
    expect(gatewayOutput()).not.toMatch(/[\u202e\u2066\u200b\u061c\u2028]/);
    expect(gatewayOutput()).toContain('Spoof\\u202eexe.txt');
    client.close();
  });
});
