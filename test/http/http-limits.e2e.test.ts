import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { RawClient, nodeConnect, operatorConnect } from '../support/raw-client.js';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { openEvents, type TestGateway } from './http-kit.js';
import { poll } from '../support/poll.js';

/** Far past the shortened limits below, far short of Node's defaults (60 s headers, 300 s request). */
const GENEROUS_MS = 10_000;
const LIMITS = { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, keepAliveTimeoutMs: 1_000 };

/** A raw TCP client to the gateway's port that records what it got and whether the server closed it. */
async function rawTcp(gw: TestGateway): Promise<{ socket: Socket; received: () => string; closedWithin: (ms: number) => Promise<boolean> }> {
  const socket = connect(Number(new URL(gw.url).port), '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk) => (received += chunk));
  socket.on('error', () => undefined);
  const closed = once(socket, 'close').then(() => true);
  return {
    socket,
    received: () => received,
    closedWithin: (ms) => Promise.race([closed, new Promise<boolean>((resolve) => setTimeout(resolve, ms, false))]),
  };
}

const GET_HEALTH = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n';

describe('HTTP limits against idle and slow clients', () => {
  const stops: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    while (stops.length) await stops.pop()!();
  });
  const gateway = async (http: Record<string, number>) => {
    const gw = await startTestGateway({ http });
    stops.push(gw.stop);
    return gw;
  };

  it('closes a request whose headers never finish with 408, and a connection that never sends anything', async () => {
    const gw = await gateway(LIMITS);
    const half = await rawTcp(gw);
    half.socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const silent = await rawTcp(gw);
    expect(await half.closedWithin(GENEROUS_MS)).toBe(true);
    expect(half.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(await silent.closedWithin(GENEROUS_MS)).toBe(true);
  });

  it('closes a POST whose body trickles in slower than the request timeout', async () => {
    const gw = await gateway(LIMITS);
    const slow = await rawTcp(gw);
    slow.socket.write(`POST /v1/nodes/x/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"command":`);
    // One byte every 500 ms: each arrives well within any idle timeout, the whole never does.
    const drip = setInterval(() => slow.socket.write(' '), 500);
    stops.push(() => clearInterval(drip));
    expect(await slow.closedWithin(GENEROUS_MS)).toBe(true);
  });

  it('closes an idle keep-alive socket after the keep-alive timeout', async () => {
    const gw = await gateway(LIMITS);
    const idle = await rawTcp(gw);
    idle.socket.write(GET_HEALTH);
    // Node's own default is 5 s; the configured 1 s must be what applies, and the server says so.
    expect(await idle.closedWithin(GENEROUS_MS)).toBe(true);
    expect(idle.received()).toMatch(/^HTTP\/1\.1 200 /);
    expect(idle.received()).toMatch(/\r\nKeep-Alive: timeout=1\r\n/i);
  });

  it('keeps at most maxIdleSockets idle keep-alive sockets, closing the longest idle first', async () => {
    const gw = await gateway({ keepAliveTimeoutMs: 60_000, maxIdleSockets: 2 });
    const sockets: Array<Awaited<ReturnType<typeof rawTcp>>> = [];
    for (let i = 0; i < 4; i++) {
      const s = await rawTcp(gw);
      s.socket.write(GET_HEALTH);
      await poll(() => /\r\n\r\n[\s\S]*\}/.test(s.received()) || undefined, `an answer on keep-alive socket ${i}`);
      sockets.push(s);
    }
    expect(await sockets[0]!.closedWithin(GENEROUS_MS)).toBe(true);
    expect(await sockets[1]!.closedWithin(GENEROUS_MS)).toBe(true);
    // The newest idle socket is kept: it still answers.
    const before = sockets[3]!.received().length;
    sockets[3]!.socket.write(GET_HEALTH);
    await poll(() => /\r\n\r\n[\s\S]*\}/.test(sockets[3]!.received().slice(before)) || undefined, 'an answer on the newest keep-alive socket');
    for (const s of sockets) s.socket.destroy();
  });

  it('keeps an event stream and a WebSocket open well past every HTTP timeout', async () => {
    const gw = await gateway(LIMITS);
    const events = await openEvents(gw);
    stops.push(events.close);
    await events.next((e) => e.event === 'stream.open');
    const op = await RawClient.open(gw.url);
    stops.push(() => op.close());
    await op.challenge();
    op.send(operatorConnect(TEST_TOKEN, ['operator.read']));
    expect((await op.next((f) => f.type === 'res')).ok).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 3 * LIMITS.requestTimeoutMs));

    const node = await RawClient.open(gw.url);
    stops.push(() => node.close());
    node.send(nodeConnect(await node.challenge(), { token: TEST_TOKEN, displayName: 'Late Node' }));
    expect((await events.next((e) => e.event === 'node.connected')).data).toMatchObject({ displayName: 'Late Node' });
    expect(events.ended).toBe(false);
    expect((await op.request('health', {})).ok).toBe(true);
  });
});
