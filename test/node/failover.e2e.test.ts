import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { Backoff, startNodeRuntime } from '@openclaw-nodes/node-host';
import { RawClient, operatorConnect } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { freePort } from '../support/free-port.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { shareLocalProofOf } from '../support/local-proof.js';
import { NAME, nodeOn, servedOn, startGateways, startNodeHost, whichOn, type RealGateway } from './failover-kit.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function scratch(): string {
  const dir = tempDir('oc-failover-');
  cleanups.push(dir.cleanup);
  return dir.path;
}

async function gateways(root: string, count: number, token?: string): Promise<RealGateway[]> {
  const gws = await startGateways(root, count, token);
  for (const gw of gws) cleanups.push(gw.proc.stop);
  return gws;
}

async function node(stateDir: string, args: string[]) {
  const host = await startNodeHost(stateDir, args);
  cleanups.push(host.stop);
  return host;
}

function killHard(gw: RealGateway): Promise<void> {
  return new Promise((resolve) => {
    gw.proc.child.once('exit', () => resolve());
    gw.proc.child.kill('SIGKILL');
  });
}

/** A TCP port that accepts and at once closes every connection: something that is not a gateway. */
async function notAGateway(): Promise<number> {
  const server: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as { port: number }).port;
}

/**
 * A WebSocket server speaking just enough of a gateway: a challenge, then `hello-ok` with
 * `tickIntervalMs` to each connect, after which `then(ws)` decides what it does. Resolves its port.
 */
async function scriptedGateway(tickIntervalMs: number, then: (ws: import('ws').WebSocket) => void): Promise<number> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())));
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n', ts: Date.now() } }));
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.method !== 'connect') return;
      ws.send(JSON.stringify({ type: 'res', id: frame.id, ok: true, payload: { type: 'hello-ok', protocol: 4, policy: { tickIntervalMs }, auth: { role: 'node', scopes: [] } } }));
      then(ws);
    });
  });
  await new Promise((r) => wss.once('listening', r));
  return (wss.address() as { port: number }).port;
}

const nodeJson = (stateDir: string) => JSON.parse(readFileSync(join(stateDir, 'node.json'), 'utf8'));

describe('a node host with several gateway addresses', () => {
  it('is back on another gateway, answering system.which there, after the one it is on is killed with kill -9', async () => {
    const root = scratch();
    const gws = await gateways(root, 3);
    const stateDir = join(root, 'node');
    const host = await node(stateDir, ['--host', gws.map((g) => g.entry).join(',')]);
    // The first address first; pairing there is the normal approval.
    await servedOn(gws[0]!, 'the node serving on the first gateway');
    const nodeId = (await nodeOn(gws[0]!))!.nodeId;

    await killHard(gws[0]!);
    // On to one of the others (a random one, as the connection lost may have lasted); each
    // pairs the node through its own approval.
    const second = await poll(async () => {
      for (const gw of [gws[1]!, gws[2]!]) if (await servedOn(gw, 'probe', 1).catch(() => undefined)) return gw;
      return undefined;
    }, 'the node serving on another gateway after the first died', { timeoutMs: 30_000 });
    const answer = (await whichOn(second))!;
    expect(answer.json).toMatchObject({ ok: true, payload: { bins: { sh: expect.stringMatching(/\/sh$/) } } });
    expect(await nodeOn(second)).toMatchObject({ nodeId, connected: true });
    expect(host.child.exitCode).toBeNull();
    expect(host.output()).toMatch(new RegExp(`connection to ${gws[0]!.url} closed \\(\\d+[^)]*\\); moving to ws://127\\.0\\.0\\.1:\\d+ in \\d+ ms`));

    // Killed again: on to the last one, the same node id, the saved list unchanged.
    const third = second === gws[1] ? gws[2]! : gws[1]!;
    await killHard(second);
    await servedOn(third, 'the node serving on the last gateway');
    expect(await nodeOn(third)).toMatchObject({ nodeId, connected: true });
    const saved = nodeJson(stateDir);
    expect(saved.gateways.map((g: { port: number }) => g.port)).toEqual(gws.map((g) => g.port));
    expect(saved.gateway).toEqual({ host: '127.0.0.1', port: third.port, tls: false });
    // Each independent gateway proved its own identity and issued its own device token, kept
    // under that identity (sent only to a gateway proving it again), none under an address.
    const tokens = Object.values(saved.identities ?? {});
    expect(new Set(tokens).size).toBe(3);
    expect(tokens.every((t: unknown) => typeof t === 'string')).toBe(true);
    expect(saved.gateways.every((g: { token?: string }) => g.token === undefined)).toBe(true);
  }, 120_000);

  it('connects to the second address when nothing listens on the first at start', async () => {
    const root = scratch();
    const [gw] = await gateways(root, 1);
    const dead = await freePort();
    const host = await node(join(root, 'node'), ['--host', `127.0.0.1:${dead},${gw!.entry}`]);
    await servedOn(gw!, 'the node serving on the second address');
    expect(host.output()).toContain(`; moving to ${gw!.url} in `);
  }, 60_000);

  it('skips a bad address (not a gateway) and one that refuses its token, and keeps serving on the good one', async () => {
    const root = scratch();
    const [good] = await gateways(root, 1);
    const [wrongToken] = await gateways(join(root, 'other'), 1, 'another-token');
    const bogus = await notAGateway();
    const host = await node(join(root, 'node'), ['--host', `127.0.0.1:${bogus},${wrongToken!.entry},${good!.entry}`]);
    await servedOn(good!, 'the node serving on the good address');
    const log = host.output();
    expect(log).toMatch(new RegExp(`${wrongToken!.url} refused the node \\(AUTH_TOKEN_MISMATCH: .+\\); not trying it again until the node host restarts`));
    expect(log).toContain(`; moving to ${wrongToken!.url} in `);
    expect(host.child.exitCode).toBeNull();

    // The good gateway goes away: the node goes round the bogus address and the good one only,
    // never offering its token to the gateway that refused it again.
    await killHard(good!);
    await poll(async () => (host.output().slice(log.length).includes('backing off') ? true : undefined), 'a whole round over the addresses left', { timeoutMs: 30_000 });
    const after = host.output().slice(log.length);
    expect(after).not.toContain(`moving to ${wrongToken!.url}`);
    expect(after).toContain('backing off');
  }, 60_000);

  it('stops with the refusal when every address refused it (one address behaves as before)', async () => {
    const root = scratch();
    const [wrongToken] = await gateways(root, 1, 'another-token');
    const host = startNodeHost(join(root, 'node'), ['--host', wrongToken!.entry]);
    await expect(host).rejects.toThrow(/exited 1[\s\S]*AUTH_TOKEN_MISMATCH|exited 1[\s\S]*token mismatch/);
  }, 60_000);

  it('moves to the next address when the gateway it is on stops ticking, and serves there', async () => {
    // A gateway that lets the node in, promises a tick every 200 ms and then says nothing.
    const silent = { host: '127.0.0.1', port: await scriptedGateway(200, () => undefined), tls: false };
    const gw = await startTestGateway();
    cleanups.push(gw.stop);
    const lines: string[] = [];
    const stateDir = scratch();
    // On the gateway's machine: it pairs silently, as the node under test needs no operator here.
    shareLocalProofOf(gw.gateway.port, stateDir);
    const runtime = await startNodeRuntime({
      stateDir,
      gateways: [silent, { host: '127.0.0.1', port: gw.gateway.port, tls: false }],
      token: TEST_TOKEN,
      version: '0.1.0',
      log: (_level, message) => lines.push(message),
    });
    const running = runtime.host.run();
    cleanups.push(async () => {
      await runtime.stop();
      await running;
    });
    await poll(async () => (runtime.host.status === 'connected' && runtime.host.url === gw.url ? true : undefined), 'the node connected to the ticking gateway', { timeoutMs: 30_000 });
    expect(lines.some((l) => l.startsWith(`connection to ws://127.0.0.1:${silent.port} closed`) && l.includes(`moving to ${gw.url}`))).toBe(true);
    const op = await RawClient.open(gw.url);
    cleanups.push(() => op.close());
    await op.challenge();
    op.send(operatorConnect(TEST_TOKEN, ['operator.read', 'operator.write', 'operator.pairing', 'operator.admin']));
    await op.next((f) => f.type === 'res' && f.ok);
    const which = await poll(async () => {
      // Independent gateways: this one approves the node's commands as any would.
      const pending = (await op.request('node.pair.list', {})).payload.pending[0];
      if (pending) await op.request('node.pair.approve', { requestId: pending.requestId });
      const r = await op.request('node.invoke', { nodeId: runtime.host.nodeId!, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: `w${Date.now()}` });
      return r.ok ? r : undefined;
    }, 'system.which answered on the second gateway');
    expect(which.payload.payload.bins.sh).toMatch(/\/sh$/);
  }, 60_000);

  it('backs off further and further from a gateway that accepts the node and at once closes (never a tight loop)', async () => {
    const connects: number[] = [];
    const port = await scriptedGateway(30_000, (ws) => {
      connects.push(Date.now());
      ws.close(1012, 'going away at once');
    });
    // The top of each jitter window: 1 s, 2 s, 4 s after the first, second and third failed round.
    const runtime = await startNodeRuntime({ stateDir: scratch(), host: '127.0.0.1', port, token: 'any', version: '0.1.0', backoff: new Backoff(500, 30_000, () => 0.99) });
    const running = runtime.host.run();
    cleanups.push(async () => {
      await runtime.stop();
      await running;
    });
    await poll(async () => (connects.length >= 4 ? true : undefined), 'four connections', { timeoutMs: 30_000 });
    const gaps = connects.slice(1).map((t, i) => t - connects[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1_900);
    expect(gaps[2]).toBeGreaterThanOrEqual(3_800);
  }, 60_000);
});
