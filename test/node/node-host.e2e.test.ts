import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { startNodeRuntime } from '@openclaw-nodes/node-host';
import { Gateway } from '@openclaw-nodes/gateway';
import { RawClient, operatorConnect } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import { tempDir } from '../support/temp-dir.js';
import { shareLocalProof } from '../support/local-proof.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function operator(url: string) {
  const op = await RawClient.open(url);
  await op.challenge();
  op.send(operatorConnect(TEST_TOKEN, ['operator.read', 'operator.write', 'operator.pairing', 'operator.admin']));
  await op.next((f) => f.type === 'res' && f.ok);
  cleanups.push(() => op.close());
  return op;
}

async function startNode(gwUrl: string, stateDir: string) {
  const { port } = new URL(gwUrl);
  const runtime = await startNodeRuntime({ stateDir, host: '127.0.0.1', port: Number(port), token: TEST_TOKEN, displayName: 'Build Node', version: '0.1.0' });
  const running = runtime.host.run();
  cleanups.push(async () => {
    await runtime.stop();
    await running;
  });
  return runtime;
}

describe('headless node host', () => {
  it('pairs, is approved once, serves system.which and keeps its node id across gateway restarts', async () => {
    const gw = await startTestGateway();
    const nodeDir = tempDir('openclaw-node-');
    cleanups.push(() => nodeDir.cleanup());
    shareLocalProof(gw.stateDir, nodeDir.path);
    const runtime = await startNode(gw.url, nodeDir.path);
    const op = await operator(gw.url);

    const pending = await poll(async () => (await op.request('node.pair.list', {})).payload.pending[0], 'a pending request');
    expect(pending).toMatchObject({ displayName: 'Build Node', commands: expect.arrayContaining(['system.which']) });
    expect((await op.request('node.pair.approve', { requestId: pending.requestId })).ok).toBe(true);

    const nodeId = runtime.host.nodeId!;
    const which = await op.request('node.invoke', { nodeId, command: 'system.which', params: { bins: ['sh', 'no-such-binary-here'] }, idempotencyKey: 'w1' });
    expect(which.ok).toBe(true);
    expect(Object.keys(which.payload.payload.bins)).toEqual(['sh']);
    expect(which.payload.payload.bins.sh).toMatch(/\/sh$/);

    const bad = await op.request('node.invoke', { nodeId, command: 'system.which', params: { bins: 'sh' }, idempotencyKey: 'w2' });
    expect(bad.error.code).toBe('UNAVAILABLE');
    expect(bad.error.details.nodeError.code).toBe('INVALID_REQUEST');

    // Restart the gateway on the same port and state: the node comes back by itself.
    const port = gw.gateway.port;
    await gw.gateway.stop();
    const again = await Gateway.start({ stateDir: gw.stateDir, port, host: '127.0.0.1', token: TEST_TOKEN, version: '0.1.0-test' });
    cleanups.push(async () => {
      await again.stop();
      gw.stop().catch(() => undefined);
    });
    const op2 = await operator(again.url);
    const back = await poll(async () => {
      const res = await op2.request('node.invoke', { nodeId, command: 'system.which', params: { bins: ['sh'] }, idempotencyKey: 'w3', timeoutMs: 1_000 });
      return res.ok ? res : undefined;
    }, 'the node answering after the restart');
    expect(back.payload.nodeId).toBe(nodeId);
  });

  it('reconnects when the gateway goes silent for twice the tick interval', async () => {
    // A gateway that completes the handshake, promises a tick every 200 ms, then says nothing.
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => new Promise<void>((r) => wss.close(() => r())));
    const connects: number[] = [];
    const closes: Array<[number, string]> = [];
    wss.on('connection', (ws) => {
      ws.on('close', (code, reason) => closes.push([code, String(reason)]));
      ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: `n${connects.length}`, ts: Date.now() } }));
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.method !== 'connect') return;
        connects.push(Date.now());
        ws.send(JSON.stringify({ type: 'res', id: frame.id, ok: true, payload: { type: 'hello-ok', protocol: 4, policy: { tickIntervalMs: 200 }, auth: { role: 'node', scopes: [] } } }));
      });
    });
    await new Promise((r) => wss.once('listening', r));
    const port = (wss.address() as { port: number }).port;
    const nodeDir = tempDir('openclaw-node-');
    cleanups.push(() => nodeDir.cleanup());
    await startNode(`ws://127.0.0.1:${port}`, nodeDir.path);
    await poll(async () => (connects.length >= 2 ? true : undefined), 'a second connection');
    // The node's own tick watchdog ended it (ping timeouts alone would take 50 s), no sooner
    // than 2 x 200 ms of silence.
    expect(closes[0]).toEqual([4000, 'tick timeout']);
    expect(connects[1]! - connects[0]!).toBeGreaterThanOrEqual(400);
  });
});
