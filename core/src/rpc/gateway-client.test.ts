import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { OpenClawError } from '../errors/openclaw-error.js';
import { ConnectParamsSchema, type DeviceBlock } from '../protocol/connect.js';
import { connectGateway, type ConnectGatewayOptions } from './gateway-client.js';
import { poll } from '../../../test/support/poll.js';

interface FakeGateway {
  url: string;
  connects: Array<Record<string, unknown>>;
  closes: Array<[number, string]>;
}

type ConnectAnswer = (params: Record<string, unknown>, socket: WebSocket) => object | undefined;

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const HELLO = {
  type: 'hello-ok',
  protocol: 4,
  server: { version: 'test', connId: 'c1' },
  features: { methods: ['node.list'], events: ['tick'] },
  snapshot: { presence: [], health: {}, stateVersion: { presence: 0, health: 0 }, uptimeMs: 1 },
  auth: { role: 'node', scopes: [], deviceToken: 'dt-1', issuedAtMs: 1 },
  policy: { maxPayload: 26214400, maxBufferedBytes: 52428800, tickIntervalMs: 30000 },
};

/**
 * A tiny gateway on loopback: sends `challenge` on open (null: never), answers `connect` with what
 * `answer` returns (a response frame body, or nothing to stay silent) and echoes other
 * requests back as payload.
 */
async function startGateway(answer: ConnectAnswer, challenge: unknown = { nonce: randomUUID(), ts: Date.now() }): Promise<FakeGateway> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  cleanups.push(() => {
    for (const socket of wss.clients) socket.terminate();
    wss.close();
  });
  const gateway: FakeGateway = { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, connects: [], closes: [] };
  wss.on('connection', (socket) => {
    socket.on('close', (code, reason) => gateway.closes.push([code, String(reason)]));
    if (challenge !== null) socket.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: challenge }));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { id: string; method: string; params: Record<string, unknown> };
      if (frame.method !== 'connect') {
        socket.send(JSON.stringify({ type: 'res', id: frame.id, ok: true, payload: { echo: frame.method } }));
        return;
      }
      gateway.connects.push(frame.params);
      const body = answer(frame.params, socket);
      if (body !== undefined) socket.send(JSON.stringify({ type: 'res', id: frame.id, ...body }));
    });
  });
  return gateway;
}

const nodeOptions = (url: string, overrides: Partial<ConnectGatewayOptions> = {}): ConnectGatewayOptions => ({
  url,
  role: 'node',
  scopes: [],
  client: { id: 'node-host', mode: 'node', version: '2026.9.6', platform: 'linux', deviceFamily: 'Linux', displayName: 'Test Node', instanceId: 'inst-1' },
  caps: ['system'],
  commands: ['system.run', 'system.which'],
  pathEnv: '/usr/bin:/bin',
  auth: { token: 'shared-secret' },
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<OpenClawError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof OpenClawError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('connectGateway', () => {
  it('answers the challenge with signed connect params and resolves on hello-ok', async () => {
    const challenge = { nonce: randomUUID(), ts: 1795509049058, capabilities: ['model-catalog-snapshot'] };
    const gateway = await startGateway(() => ({ ok: true, payload: HELLO }), challenge);
    const signed: Array<[unknown, string | null]> = [];
    const signDevice = (c: { nonce: string; ts: number }, token: string | null): DeviceBlock => {
      signed.push([c, token]);
      return { id: 'dev-1', publicKey: 'pk', signature: 'sig', signedAt: c.ts, nonce: c.nonce };
    };
    const { peer, hello } = await connectGateway(nodeOptions(gateway.url, { signDevice }));
    cleanups.push(() => peer.close());

    expect(hello.auth.deviceToken).toBe('dt-1');
    expect(signed).toEqual([[{ nonce: challenge.nonce, ts: challenge.ts }, 'shared-secret']]);
    const params = gateway.connects[0];
    expect(ConnectParamsSchema.safeParse(params).success).toBe(true);
    expect(Object.keys(params ?? {})).toEqual(['minProtocol', 'maxProtocol', 'client', 'caps', 'commands', 'pathEnv', 'auth', 'role', 'scopes', 'device']);
    expect(params).toMatchObject({
      minProtocol: 4,
      maxProtocol: 4,
      client: { id: 'node-host', displayName: 'Test Node', version: '2026.9.6', platform: 'linux', deviceFamily: 'Linux', mode: 'node', instanceId: 'inst-1' },
      auth: { token: 'shared-secret' },
      role: 'node',
      scopes: [],
      device: { id: 'dev-1', signedAt: challenge.ts, nonce: challenge.nonce },
    });
    // The same connection carries the session afterwards.
    expect(await peer.request('node.list', {})).toEqual({ echo: 'node.list' });
  });

  it('binds the device token into the signature when it is the only credential, and sends no device without a signer', async () => {
    const gateway = await startGateway(() => ({ ok: true, payload: HELLO }));
    const tokens: Array<string | null> = [];
    const first = await connectGateway(
      nodeOptions(gateway.url, { auth: { deviceToken: 'dt-1' }, signDevice: (c, token) => (tokens.push(token), { id: 'd', publicKey: 'k', signature: 's', signedAt: c.ts, nonce: c.nonce }) }),
    );
    first.peer.close();
    const second = await connectGateway(nodeOptions(gateway.url, { auth: { password: 'pw' } }));
    second.peer.close();
    expect(tokens).toEqual(['dt-1']);
    expect(gateway.connects[0]?.auth).toEqual({ deviceToken: 'dt-1' });
    expect(gateway.connects[1]).not.toHaveProperty('device');
    expect(gateway.connects[1]?.auth).toEqual({ password: 'pw' });
  });

  it('rejects with the gateway error, keeping PAIRING_REQUIRED details, and closes', async () => {
    const gateway = await startGateway((_, socket) => {
      setTimeout(() => socket.close(1008, 'pairing required: device is not approved yet (requestId: req-9)'), 20);
      return {
        ok: false,
        error: {
          code: 'NOT_PAIRED',
          message: 'pairing required: device is not approved yet',
          details: { code: 'PAIRING_REQUIRED', reason: 'not-paired', requestId: 'req-9', deviceId: 'dev-1', requestedRole: 'node' },
        },
      };
    });
    const err = await rejection(connectGateway(nodeOptions(gateway.url)));
    expect(err.code).toBe('PAIRING_REQUIRED');
    expect(err.wireCode).toBe('NOT_PAIRED');
    expect(err.message).toBe('pairing required: device is not approved yet');
    expect(err.details).toMatchObject({ requestId: 'req-9', reason: 'not-paired' });
    await poll(() => (expect(gateway.closes.length).toBe(1), true), 'the gateway seeing one close');
  });

  it('reports an unreachable gateway as CONNECT_FAILED', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const err = await rejection(connectGateway(nodeOptions(`ws://127.0.0.1:${port}`)));
    expect(err.code).toBe('CONNECT_FAILED');
    expect(err.message).toMatch(new RegExp(`^cannot reach gateway at ws://127\\.0\\.0\\.1:${port}: connect ECONNREFUSED`));
    expect(err.retryable).toBe(true);
  });

  it('gives up with HANDSHAKE_TIMEOUT when no challenge comes', async () => {
    const gateway = await startGateway(() => ({ ok: true, payload: HELLO }), null);
    const err = await rejection(connectGateway(nodeOptions(gateway.url, { challengeTimeoutMs: 150 })));
    expect(err.code).toBe('HANDSHAKE_TIMEOUT');
    expect(err.message).toBe(`no connect challenge from the gateway at ${gateway.url} within 150 ms`);
    await poll(() => (expect(gateway.closes).toEqual([[1008, 'connect challenge timeout']]), true), 'the client closing with 1008 connect challenge timeout');
  });

  it('gives up with HANDSHAKE_TIMEOUT and close 4000 when connect is never answered', async () => {
    const gateway = await startGateway(() => undefined);
    const err = await rejection(connectGateway(nodeOptions(gateway.url, { connectTimeoutMs: 150 })));
    expect(err.code).toBe('HANDSHAKE_TIMEOUT');
    await poll(() => (expect(gateway.closes).toEqual([[4000, 'connect timeout']]), true), 'the client closing with 4000 connect timeout');
  });

  it('refuses a challenge without a usable timestamp', async () => {
    const gateway = await startGateway(() => ({ ok: true, payload: HELLO }), { nonce: 'n', ts: -5 });
    const err = await rejection(connectGateway(nodeOptions(gateway.url)));
    expect(err.code).toBe('CONNECT_FAILED');
    expect(err.message).toBe('gateway connect challenge timestamp invalid');
    expect(gateway.connects).toEqual([]);
  });

  it('delivers events sent right behind hello-ok and starts the tick watchdog from the policy', async () => {
    const hello = { ...HELLO, policy: { ...HELLO.policy, tickIntervalMs: 100 } };
    const gateway = await startGateway((params, socket) => {
      // Same tick as the response: the handlers must already be attached.
      queueMicrotask(() => socket.send(JSON.stringify({ type: 'event', event: 'voicewake.changed', payload: { triggers: ['openclaw'] } })));
      return { ok: true, payload: hello };
    });
    const events: string[] = [];
    const { peer } = await connectGateway(nodeOptions(gateway.url, { peer: { onEvent: (event) => events.push(event) } }));
    const info = await peer.closed;
    expect(events).toEqual(['connect.challenge', 'voicewake.changed']);
    expect(info).toMatchObject({ code: 4000, reason: 'tick timeout' });
  });

  it.each([2 ** 31, 'soon', -1])('keeps the connection when hello-ok announces a tick interval no timer can use (%j)', async (tickIntervalMs) => {
    const hello = { ...HELLO, policy: { ...HELLO.policy, tickIntervalMs } };
    const gateway = await startGateway(() => ({ ok: true, payload: hello }));
    // Only timers are faked, so the sockets still talk while an hour passes on the clock.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const { peer } = await connectGateway(nodeOptions(gateway.url));
      vi.advanceTimersByTime(60 * 60_000);
      expect(peer.isClosed).toBe(false);
      peer.close(1000);
    } finally {
      vi.useRealTimers();
    }
  });
});
