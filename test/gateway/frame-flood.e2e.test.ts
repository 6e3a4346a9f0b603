import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawClient } from '../support/raw-client.js';
import { adminOperator } from '../support/stalled-node.js';
import { startTestGateway } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import type { TestGateway } from '../http/http-kit.js';

const FLOOD = 20_000;

let gw: TestGateway;
let flooder: RawClient;
let other: RawClient;
beforeEach(async () => {
  gw = await startTestGateway();
  flooder = await adminOperator(gw.url);
  other = await adminOperator(gw.url);
});
afterEach(async () => {
  flooder.close();
  other.close();
  await gw.stop();
});

const answered = (client: RawClient, prefix: string) => client.frames.filter((f) => f.type === 'res' && String(f.id).startsWith(prefix)).length;

describe('a socket flooding the gateway with malformed frames', () => {
  it('does not hold up another client: its request is answered long before the flood is', async () => {
    // One burst, written to the socket before the other client asks anything.
    await new Promise<void>((resolve) => {
      for (let i = 0; i < FLOOD; i++) flooder.ws.send(`{"type":"req","id":"flood:${i}","method":7}`, i === FLOOD - 1 ? () => resolve() : undefined);
    });
    const res = await other.request('node.list', {});
    expect(res.ok).toBe(true);
    const floodAnsweredFirst = answered(flooder, 'flood:');
    // A socket that sent an unreadable frame gets one frame per turn of the event loop (a
    // well-behaved one gets a few dozen): the other request waits behind a handful of flood
    // frames, not behind a whole 64 KiB read of them (~800) per flooding socket.
    expect(floodAnsweredFirst).toBeLessThan(10);
    // Every malformed request still gets its coded answer, and the socket stays usable.
    await poll(async () => (answered(flooder, 'flood:') === FLOOD ? true : undefined), 'every flood frame answered', { timeoutMs: 30_000 });
    const sample = flooder.frames.find((f) => f.id === 'flood:0');
    expect(sample).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect((await flooder.request('health', {})).ok).toBe(true);
  });
});
