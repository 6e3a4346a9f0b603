import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { FRAMES_PER_TURN, frameBudget } from './frame-budget.js';

let server: WebSocketServer | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/**
 * Sends `count` frames in one write to a server made as the gateway's is (one frame per turn
 * by default) and returns how many frames each synchronous run of the server delivered.
 */
async function runsOfDelivery(count: number, budget: boolean, cost = 1): Promise<number[]> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1', allowSynchronousEvents: false });
  await new Promise((resolve) => server!.once('listening', resolve));
  const runs: number[] = [];
  let inRun = false;
  const all = new Promise<void>((resolve) =>
    server!.once('connection', (socket) => {
      const spend = budget ? frameBudget(socket) : () => {};
      let seen = 0;
      socket.on('message', () => {
        spend(cost);
        // Frames ws emits in one synchronous loop see no microtask run between them.
        if (!inRun) {
          runs.push(0);
          inRun = true;
          queueMicrotask(() => (inRun = false));
        }
        runs[runs.length - 1]!++;
        if (++seen === count) resolve();
      });
    }),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
  await new Promise((resolve) => client.once('open', resolve));
  const raw = (client as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
  raw.cork();
  for (let i = 0; i < count; i++) client.send(`{"n":${i}}`);
  raw.uncork();
  await all;
  client.close();
  return runs;
}

describe('frameBudget', () => {
  it('delivers a burst up to the budget at once, then yields a turn before the next share', async () => {
    const runs = await runsOfDelivery(100, true);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(100);
    expect(runs[0]).toBe(FRAMES_PER_TURN);
    expect(Math.max(...runs)).toBe(FRAMES_PER_TURN);
  });

  it('gives a socket whose frames cost the whole budget (unreadable ones) one frame per turn', async () => {
    const runs = await runsOfDelivery(50, true, FRAMES_PER_TURN);
    expect(runs).toEqual(Array.from({ length: 50 }, () => 1));
  });

  it('without it, the server delivers one frame per turn: the fair default a socket falls back to', async () => {
    const runs = await runsOfDelivery(100, false);
    expect(Math.max(...runs)).toBe(1);
  });
});
