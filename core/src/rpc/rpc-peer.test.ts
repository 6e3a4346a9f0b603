import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { OpenClawError } from '../errors/openclaw-error.js';
import type { RequestFrame } from '../protocol/frames.js';
import { RpcPeer } from './rpc-peer.js';
import type { RpcPeerOptions } from './rpc-peer-options.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A real loopback connection: the client socket wrapped in an RpcPeer, the server socket raw. */
/** Fakes the timers and the clock the watchdog reads; sockets keep talking in real time. */
function fakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}

async function connect(clientOptions: RpcPeerOptions = {}): Promise<{ client: RpcPeer; server: WebSocket }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  cleanups.push(() => {
    for (const socket of wss.clients) socket.terminate();
    wss.close();
  });
  const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
  const socket = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await once(socket, 'open');
  const [server] = await accepted;
  return { client: new RpcPeer(socket, clientOptions), server };
}

/** Collects the parsed frames a raw socket receives. */
function inbox(socket: WebSocket): { frames: Array<Record<string, unknown>>; next: (count: number) => Promise<Array<Record<string, unknown>>> } {
  const frames: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (count: number) => {
    while (frames.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return frames.slice(0, count);
  };
  return { frames, next };
}

async function rejection(promise: Promise<unknown>): Promise<OpenClawError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof OpenClawError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('RpcPeer requests', () => {
  it('matches responses that arrive out of order to their requests', async () => {
    const { client, server } = await connect();
    const received = inbox(server);
    const calls = [client.request('a', { n: 1 }), client.request('b', { n: 2 }), client.request('c')];
    const requests = (await received.next(3)) as unknown as RequestFrame[];
    for (const req of requests) expect(req.id).toMatch(/^\d+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(requests.map((r) => r.id)).size).toBe(3);
    for (const req of [...requests].reverse()) server.send(JSON.stringify({ type: 'res', id: req.id, ok: true, payload: { method: req.method, params: req.params } }));
    expect(await Promise.all(calls)).toEqual([
      { method: 'a', params: { n: 1 } },
      { method: 'b', params: { n: 2 } },
      { method: 'c' },
    ]);
    expect(client.pendingCount).toBe(0);
  });

  it('rejects with the error the peer sent, specific code first', async () => {
    const { client, server } = await connect();
    const received = inbox(server);
    const call = client.request('node.invoke', {});
    const [req] = await received.next(1);
    server.send(
      JSON.stringify({
        type: 'res',
        id: req?.id,
        ok: false,
        error: { code: 'FORBIDDEN', message: 'missing scope: operator.write', details: { code: 'MISSING_SCOPE', missingScope: 'operator.write' } },
      }),
    );
    const err = await rejection(call);
    expect(err.code).toBe('MISSING_SCOPE');
    expect(err.message).toBe('missing scope: operator.write');
    expect(err.details?.missingScope).toBe('operator.write');
  });

  it('times out with REQUEST_TIMEOUT and ignores the late answer', async () => {
    const { client, server } = await connect();
    const received = inbox(server);
    const err = await rejection(client.request('node.list', {}, { timeoutMs: 50 }));
    expect(err.code).toBe('REQUEST_TIMEOUT');
    expect(err.message).toBe('"node.list" got no answer within 50 ms');
    expect(client.pendingCount).toBe(0);
    const [late] = await received.next(1);
    server.send(JSON.stringify({ type: 'res', id: late?.id, ok: true, payload: 'late' }));
    const call = client.request('again');
    const [, again] = await received.next(2);
    server.send(JSON.stringify({ type: 'res', id: again?.id, ok: true, payload: 'fresh' }));
    expect(await call).toBe('fresh');
  });

  it('rejects every pending request with CONNECTION_CLOSED the moment the peer hangs up', async () => {
    const { client, server } = await connect();
    const received = inbox(server);
    const calls = [client.request('a'), client.request('b', undefined, { timeoutMs: Infinity })];
    await received.next(2);
    server.close(1001, 'gateway restarting');
    const errors = await Promise.all(calls.map(rejection));
    expect(errors.map((e) => e.code)).toEqual(['CONNECTION_CLOSED', 'CONNECTION_CLOSED']);
    expect(errors[0]?.message).toBe('connection closed before "a" was answered (code 1001: gateway restarting)');
    expect(errors[1]?.details).toMatchObject({ method: 'b', closeCode: 1001, closeReason: 'gateway restarting' });
    expect(client.pendingCount).toBe(0);
    expect(await client.closed).toEqual({ code: 1001, reason: 'gateway restarting' });
  });

  it('rejects pending requests on a local close without waiting for the closing handshake', async () => {
    const { client } = await connect();
    const call = client.request('node.list', {});
    client.close(1000, 'done');
    expect(client.pendingCount).toBe(0);
    expect(client.isClosed).toBe(true);
    expect((await rejection(call)).message).toBe('connection closed before "node.list" was answered (code 1000: done)');
    const after = await rejection(client.request('node.list', {}));
    expect(after.code).toBe('CONNECTION_CLOSED');
    expect(after.message).toBe('cannot send "node.list": connection closed (code 1000: done)');
  });

  it('drops inbound frames over the payload limit, which can be raised later', async () => {
    const problems: string[] = [];
    const { client, server } = await connect({ maxPayloadBytes: 100, onProtocolError: (err) => problems.push(err.code) });
    const big = JSON.stringify({ type: 'event', event: 'e', payload: 'x'.repeat(200) });
    const seen: unknown[] = [];
    client.on('e', (payload) => seen.push(payload));
    server.send(big);
    await once(client.socket, 'message');
    expect(problems).toEqual(['PAYLOAD_TOO_LARGE']);
    client.maxPayloadBytes = 1000;
    server.send(big);
    await once(client.socket, 'message');
    expect(seen).toHaveLength(1);
  });

  it('refuses to send a request larger than the payload limit', async () => {
    const { client, server } = await connect({ maxPayloadBytes: 1024 });
    const received = inbox(server);
    const err = await rejection(client.request('node.event', { payloadJSON: 'x'.repeat(2000) }));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    client.notify('small', {});
    expect((await received.next(1))[0]).toMatchObject({ type: 'event', event: 'small' });
  });
});

describe('RpcPeer events and incoming requests', () => {
  it('dispatches events by name and to catch-all handlers until unsubscribed', async () => {
    const seen: string[] = [];
    const { client, server } = await connect({ onEvent: (event) => seen.push(`option:${event}`) });
    const ticks: unknown[] = [];
    const offTick = client.on('tick', (payload, frame) => ticks.push([payload, frame.seq]));
    client.on('tick', () => {
      throw new Error('a broken handler must not stop the others');
    });
    client.onAny((event) => seen.push(`any:${event}`));
    const arrived = (event: string) => new Promise<void>((resolve) => client.on(event, () => resolve()));
    const invoke = arrived('node.invoke.request');
    server.send(JSON.stringify({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: 1 }));
    server.send(JSON.stringify({ type: 'event', event: 'node.invoke.request', payload: { id: 'i' } }));
    await invoke;
    expect(ticks).toEqual([[{ ts: 1 }, 1]]);
    expect(seen).toEqual(['any:tick', 'option:tick', 'any:node.invoke.request', 'option:node.invoke.request']);
    offTick();
    const done = arrived('done');
    server.send(JSON.stringify({ type: 'event', event: 'tick', payload: { ts: 2 }, seq: 2 }));
    server.send(JSON.stringify({ type: 'event', event: 'done' }));
    await done;
    expect(ticks).toHaveLength(1);
    expect(seen.filter((s) => s === 'any:tick')).toHaveLength(2);
  });

  it('numbers broadcasts per connection from 1 and sends targeted events without seq', async () => {
    const { client, server } = await connect();
    const received = inbox(server);
    const payloadJson = JSON.stringify({ ts: 42 });
    client.broadcast('tick', payloadJson);
    client.notify('node.invoke.request', { id: 'i', nodeId: 'n', command: 'system.which' });
    client.broadcast('tick', payloadJson);
    expect(await received.next(3)).toEqual([
      { type: 'event', event: 'tick', payload: { ts: 42 }, seq: 1 },
      { type: 'event', event: 'node.invoke.request', payload: { id: 'i', nodeId: 'n', command: 'system.which' } },
      { type: 'event', event: 'tick', payload: { ts: 42 }, seq: 2 },
    ]);
  });

  it('answers incoming requests through onRequest, including failures', async () => {
    const { client, server } = await connect({
      onRequest: async (method, params, reply) => {
        if (method === 'echo') return reply(true, params);
        if (method === 'refuse') throw new OpenClawError('UNKNOWN_NODE', 'unknown nodeId');
        throw new Error('secret internals');
      },
    });
    const received = inbox(server);
    server.send(JSON.stringify({ type: 'req', id: 'r1', method: 'echo', params: { x: 1 } }));
    server.send(JSON.stringify({ type: 'req', id: 'r2', method: 'refuse' }));
    server.send(JSON.stringify({ type: 'req', id: 'r3', method: 'crash' }));
    const answers = await received.next(3);
    expect(answers).toEqual([
      { type: 'res', id: 'r1', ok: true, payload: { x: 1 } },
      { type: 'res', id: 'r2', ok: false, error: { code: 'INVALID_REQUEST', message: 'unknown nodeId', details: { code: 'UNKNOWN_NODE' } } },
      { type: 'res', id: 'r3', ok: false, error: { code: 'UNAVAILABLE', message: 'crash failed' } },
    ]);
    expect(client.isClosed).toBe(false);
  });

  it('answers unknown method when nobody handles requests', async () => {
    const { server } = await connect();
    const received = inbox(server);
    server.send(JSON.stringify({ type: 'req', id: 'r1', method: 'node.list', params: {} }));
    expect((await received.next(1))[0]).toEqual({ type: 'res', id: 'r1', ok: false, error: { code: 'INVALID_REQUEST', message: 'unknown method: node.list' } });
  });

  it('ignores malformed frames, reports them, and keeps working', async () => {
    const problems: string[] = [];
    const { client, server } = await connect({ onProtocolError: (err) => problems.push(`${err.code}: ${err.message}`) });
    const received = inbox(server);
    const call = client.request('node.list', {});
    const [req] = await received.next(1);
    server.send('this is not json');
    server.send(JSON.stringify({ type: 'ping' }));
    server.send(JSON.stringify({ type: 'req', id: 'bad-1', method: 'x', smuggled: true }));
    server.send(JSON.stringify({ type: 'res', id: req?.id, ok: true, payload: { nodes: [] } }));
    expect(await call).toEqual({ nodes: [] });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^INVALID_FRAME: invalid JSON frame: /);
    expect(problems[1]).toBe('INVALID_FRAME: invalid frame: type must be "req", "res" or "event", got "ping"');
    // A malformed request that names its id is answered instead of left hanging.
    expect((await received.next(2))[1]).toMatchObject({ id: 'bad-1', ok: false, error: { code: 'INVALID_REQUEST', details: { code: 'INVALID_FRAME' } } });
    expect(client.isClosed).toBe(false);
  });
});

describe('RpcPeer tick watchdog', () => {
  it('closes with 4000 "tick timeout" when the other side goes silent', async () => {
    const { client, server } = await connect();
    const serverSawClose = once(server, 'close') as Promise<[number, Buffer]>;
    const callError = rejection(client.request('node.list', {}, { timeoutMs: Infinity }));
    client.startTickWatchdog(100);
    const info = await client.closed;
    expect(info).toMatchObject({ code: 4000, reason: 'tick timeout' });
    expect(info.cause?.code).toBe('TICK_TIMEOUT');
    const [code, reason] = await serverSawClose;
    expect([code, String(reason)]).toEqual([4000, 'tick timeout']);
    const err = await callError;
    expect(err.code).toBe('CONNECTION_CLOSED');
    expect((err.cause as OpenClawError).code).toBe('TICK_TIMEOUT');
  });

  it('stays open while frames keep arriving', async () => {
    const { client, server } = await connect();
    fakeClock();
    client.startTickWatchdog(250);
    // A tick every 400 ms on the clock: never more than the 500 ms of silence it allows.
    for (let i = 0; i < 8; i++) {
      vi.advanceTimersByTime(400);
      const arrived = once(client.socket, 'message');
      server.send(JSON.stringify({ type: 'event', event: 'tick', payload: { ts: Date.now() }, seq: 1 }));
      await arrived;
    }
    expect(client.isClosed).toBe(false);
    vi.advanceTimersByTime(2_000);
    expect((await client.closed).code).toBe(4000);
  });

  it('waits while every pending request has a deadline of its own, like the reference client', async () => {
    const { client } = await connect();
    fakeClock();
    const callError = rejection(client.request('slow', {}, { timeoutMs: 1_500 }));
    client.startTickWatchdog(100);
    vi.advanceTimersByTime(1_400);
    expect(client.isClosed).toBe(false);
    vi.advanceTimersByTime(100);
    expect((await callError).code).toBe('REQUEST_TIMEOUT');
    vi.advanceTimersByTime(1_000);
    expect((await client.closed).code).toBe(4000);
  });
});

describe('RpcPeer against a peer that stopped reading', () => {
  it('cuts the socket once more than maxBufferedBytes waits unsent, failing pending requests at once', async () => {
    const { client, server } = await connect({ maxBufferedBytes: 1024 * 1024 });
    server.pause();
    const chunk = 'x'.repeat(256 * 1024);
    const calls: Array<Promise<OpenClawError>> = [];
    // Loopback kernel buffers take a few MB before anything queues in the process.
    for (let i = 0; i < 800 && !client.isClosed; i++) calls.push(rejection(client.request('big', { chunk }, { timeoutMs: 60_000 })));
    expect(client.isClosed).toBe(true);
    expect(client.closeInfo).toMatchObject({ code: 1006, reason: 'peer stopped reading (send buffer full)' });
    const errors = await Promise.all(calls);
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['CONNECTION_CLOSED']));
    if (client.socket.readyState !== WebSocket.CLOSED) await once(client.socket, 'close');
  });

  it('terminates a socket whose peer never answers the close frame, after the close deadline', async () => {
    const { client, server } = await connect();
    server.pause();
    client.close(1000, 'bye');
    const closed = once(client.socket, 'close');
    // ws alone waits 30 s for the answer; the deadline is 1 s, and 10 s leaves room for a slow machine.
    const outcome = await Promise.race([closed.then(() => 'closed'), new Promise((resolve) => setTimeout(resolve, 10_000, 'still open'))]);
    expect(outcome).toBe('closed');
  });

  it('keeps a request with a timeout past what a timer holds waiting for its answer', async () => {
    const { client, server } = await connect();
    const received = inbox(server);
    fakeClock();
    const call = client.request('slow', {}, { timeoutMs: 2 ** 31 });
    const [request] = await received.next(1);
    // A timer past 2^31-1 ms would fire after 1 ms; a day passes and the request still waits.
    vi.advanceTimersByTime(24 * 60 * 60_000);
    server.send(JSON.stringify({ type: 'res', id: request?.id, ok: true, payload: 'answered' }));
    expect(await call).toBe('answered');
  });
});
