import { describe, expect, it } from 'vitest';
import { startTestGateway, TEST_TOKEN } from '../support/in-process-gateway.js';
import { operatorConnect, RawClient } from '../support/raw-client.js';

describe('a gateway that stops', () => {
  it('no longer accepts connections once it announced its shutdown, so clients reconnecting at once wait for its successor', async () => {
    const gw = await startTestGateway();
    const client = await RawClient.open(gw.url);
    await client.challenge();
    client.send(operatorConnect(TEST_TOKEN, ['operator.read']));
    await client.next((f) => f.type === 'res' && f.ok);

    const stopped = gw.stop();
    await client.next((f) => f.event === 'shutdown');
    // A client told to go (the close that follows is 1012, service restart) comes straight
    // back: the gateway winding down must not take it in again.
    const again = await RawClient.open(gw.url).then(
      async (c) => {
        await c.closed;
        return { accepted: c.frames.some((f) => f.event === 'connect.challenge'), code: c.closeCode };
      },
      (err: NodeJS.ErrnoException) => ({ accepted: false, code: err.code }),
    );
    expect(again.accepted).toBe(false);
    await client.closed;
    expect(client.closeCode).toBe(1012);
    await stopped;
  });
});
