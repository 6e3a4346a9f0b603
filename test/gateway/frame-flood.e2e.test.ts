import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RawClient } from '../support/raw-client.js';
import { adminOperator } from '../support/stalled-node.js';
import { startTestGateway } from '../support/in-process-gateway.js';
import { poll } from '../support/poll.js';
import type { TestGateway } from '../http/http-kit.js';
// The gateway's limit (MAX_MALFORMED_FRAMES): malformed frames a socket may send within 10 s.
const MAX_MALFORMED_FRAMES = 100;

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

const flood = (client: RawClient, count: number) =>
  new Promise<void>((resolve) => {
    for (let i = 0; i < count; i++) client.ws.send(`{"type":"req","id":"flood:${i}","method":7}`, i === count - 1 ? () => resolve() : undefined);
  });

describe('a socket flooding the gateway with malformed frames', () => {
  it('does not hold up another client, and is closed with INVALID_FRAME once past the limit', async () => {
    // One burst, written to the socket before the other client asks anything.
    await flood(flooder, FLOOD);
    const res = await other.request('node.list', {});
    expect(res.ok).toBe(true);
    // A socket that sent an unreadable frame gets one frame per turn of the event loop (a
    // well-behaved one gets a few dozen): the other request waits behind a handful of flood
    // frames, not behind a whole 64 KiB read of them (~800) per flooding socket.
    expect(answered(flooder, 'flood:')).toBeLessThan(10);
    // The first malformed requests get their coded answer; past the limit the socket is closed
    // with a reason that names the code, and nothing more of the flood is answered.
    await flooder.closed;
    expect(flooder.closeCode).toBe(1008);
    expect(flooder.closeReason).toMatch(/^INVALID_FRAME: more than 100 malformed frames/);
    expect(answered(flooder, 'flood:')).toBe(MAX_MALFORMED_FRAMES);
    expect(flooder.frames.find((f) => f.id === 'flood:0')).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect((await other.request('health', {})).ok).toBe(true);
  });

  it('keeps a socket whose malformed frames stay within the limit', async () => {
    await flood(flooder, MAX_MALFORMED_FRAMES);
    await poll(async () => (answered(flooder, 'flood:') === MAX_MALFORMED_FRAMES ? true : undefined), 'every malformed frame answered');
    expect((await flooder.request('health', {})).ok).toBe(true);
    expect(flooder.closeCode).toBeUndefined();
  });
});
